import { basename, extname, join } from 'node:path';
import { consoleProgress } from '../report/progress.ts';
import { defaultWorkers } from '../sweep/pool.ts';
import { checkQueueUrl } from '../sweep/redis.ts';
import { runSweep } from '../sweep/sweep.ts';
import { UsageError, flag, intFlag, parseArgs } from './args.ts';
import type { Command } from './command.ts';

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'run a scenario over parameter axes and seeds (sweep file), on every core or through a Redis queue; reruns skip finished points',
  usage: 'memspike sweep <sweep.json> [--out DIR] [--workers N] [--queue redis://host:6379/0 [--detach]] | memspike sweep [sweep.json] --collect --queue URL --out DIR',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'workers', takesValue: true },
        { name: 'queue', takesValue: true },
        { name: 'detach', takesValue: false },
        { name: 'collect', takesValue: false },
      ],
      'sweep',
    );
    const collect = args.flags.has('collect');
    const detach = args.flags.has('detach');
    if (args.positional.length > 1) throw new UsageError(`sweep: expected one sweep file, got ${args.positional.length}; usage: ${sweepCommand.usage}`);
    const file = args.positional[0];
    if (!file && !collect) throw new UsageError(`sweep: expected a sweep file; usage: ${sweepCommand.usage}`);
    const queue = flag(args, 'queue');
    if ((collect || detach) && !queue) throw new UsageError(`sweep: --${collect ? 'collect' : 'detach'} needs --queue`);
    if (collect && detach) throw new UsageError('sweep: --collect and --detach exclude each other');
    if (queue) checkQueueUrl(queue);
    const outDir = flag(args, 'out') ?? (file ? join('results', basename(file, extname(file))) : undefined);
    if (!outDir) throw new UsageError('sweep: --collect without a sweep file needs --out DIR (the folder of the sweep)');
    const workers = intFlag(args, 'workers', 'sweep', 1) ?? defaultWorkers();
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) {
        process.stderr.write('\nmemspike sweep: stopped; finished points are in the journal, rerun to resume\n');
        process.exit(130);
      }
      stopping = true;
      process.stderr.write('\nmemspike sweep: finishing the running points (Ctrl-C again to stop now); rerun to resume\n');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const out = await runSweep({
        file,
        outDir,
        workers,
        queue,
        detach,
        collect,
        progress: consoleProgress(),
        log: (line) => process.stdout.write(line + '\n'),
        stopped: () => stopping,
      });
      if (!out.complete) {
        const left = out.total - out.skipped - out.ran;
        process.stdout.write(`${left} of ${out.total} points still to do; ${stopping ? 'interrupted: ' : ''}rerun the same command to resume${queue ? ' (or --collect)' : ''}\n`);
        return stopping ? 130 : 0;
      }
      process.stdout.write(`${out.total} points: ${out.skipped} skipped (already done), ${out.ran} ${queue ? 'gathered' : 'run'}, ${out.failed} failed; wrote ${out.files.length} files to ${outDir} (results.csv, results.jsonl, timings.csv, stats.csv${out.files.length > 4 ? `, ${out.files.length - 4} figures` : ''})\n`);
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
