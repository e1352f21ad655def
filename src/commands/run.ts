import { findScenario } from '../../scenarios/index.ts';
import { runScenario } from '../harness/runner.ts';
import { consoleProgress } from '../report/progress.ts';
import { UsageError, flag, intFlag, parseArgs } from './args.ts';
import type { Command } from './command.ts';

export const runCommand: Command = {
  name: 'run',
  summary: 'run one scenario and write its outputs',
  usage: 'memspike run <scenario> [--out DIR] [--seed N] [--set key=value ...] [--quick]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'set', takesValue: true, repeatable: true },
        { name: 'quick', takesValue: false },
      ],
      'run',
    );
    if (args.positional.length !== 1) throw new UsageError(`run: expected one scenario name, got ${args.positional.length}; usage: ${runCommand.usage}`);
    const scenario = findScenario(args.positional[0]);
    const outDir = flag(args, 'out') ?? 'results';
    const out = await runScenario(scenario, {
      outDir,
      seed: intFlag(args, 'seed', 'run'),
      sets: args.flags.get('set') ?? [],
      quick: args.flags.has('quick'),
      progress: consoleProgress(),
    });
    for (const m of out.summary.metrics) {
      const art = m.kind === 'figure' || m.article === null ? '' : ` (article ${m.article}${m.unit ? ' ' + m.unit : ''}, ${m.basis})`;
      process.stdout.write(`${m.kind === 'figure' ? 'FIG ' : m.pass ? 'PASS' : 'MISS'}  ${m.name}: ${String(m.simulated)}${m.unit ? ' ' + m.unit : ''}${art}\n`);
    }
    process.stdout.write(`wrote ${out.dir}\n`);
    return 0;
  },
};
