import { findScenario } from '../../scenarios/index.ts';
import { CLI_BUDGET, describeEstimate } from '../harness/estimate.ts';
import { runScenario } from '../harness/runner.ts';
import { consoleProgress } from '../report/progress.ts';
import { UsageError, flag, parseArgs, seedFlag } from './args.ts';
import type { Command } from './command.ts';

export const runCommand: Command = {
  name: 'run',
  summary: `run one scenario and write its outputs (refused when its estimate exceeds the budget: ${describeEstimate(CLI_BUDGET)}; --force runs it anyway)`,
  usage: 'memspike run <scenario> [--out DIR] [--seed N (0 <= N < 2^32)] [--set key=value ...] [--quick] [--force]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'set', takesValue: true, repeatable: true },
        { name: 'quick', takesValue: false },
        { name: 'force', takesValue: false },
      ],
      'run',
    );
    if (args.positional.length !== 1) throw new UsageError(`run: expected one scenario name, got ${args.positional.length}; usage: ${runCommand.usage}`);
    const scenario = findScenario(args.positional[0]);
    const outDir = flag(args, 'out') ?? 'results';
    if (outDir === '') throw new UsageError('run: --out needs a folder name');
    const out = await runScenario(scenario, {
      outDir,
      seed: seedFlag(args, 'run'),
      sets: args.flags.get('set') ?? [],
      quick: args.flags.has('quick'),
      force: args.flags.has('force'),
      progress: consoleProgress(),
    });
    for (const m of out.summary.metrics) {
      const art = m.kind === 'figure' || m.article === null ? '' : ` (article ${m.article}${m.unit ? ' ' + m.unit : ''}, ${m.basis})`;
      process.stdout.write(`${m.kind === 'figure' ? 'FIG ' : m.pass ? 'PASS' : 'MISS'}  ${m.name}: ${String(m.simulated)}${m.unit ? ' ' + m.unit : ''}${art}\n`);
    }
    // Wall time of the whole run, writing included.
    process.stdout.write(`wrote ${out.dir} in ${out.elapsedS.toFixed(1)} s${out.estimate ? ` (estimate: ${describeEstimate(out.estimate)})` : ''}\n`);
    return 0;
  },
};
