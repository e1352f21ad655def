import { join } from 'node:path';
import { scenarios } from '../../scenarios/index.ts';
import { runScenario, DEFAULT_SEED } from '../harness/runner.ts';
import { CLI_BUDGET, checkBudget } from '../harness/estimate.ts';
import { resolveParams } from '../harness/params.ts';
import { consoleProgress } from '../report/progress.ts';
import { renderReport, type ReportEntry } from '../report/report.ts';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import { UsageError, flag, parseArgs, seedFlag } from './args.ts';
import type { Command } from './command.ts';

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "run every scenario (article experiments, then circuits) and write REPORT.md with figures",
  usage: 'memspike reproduce [--out DIR] [--seed N] [--quick] [--only a,b,...] [--force]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'quick', takesValue: false },
        { name: 'only', takesValue: true },
        { name: 'force', takesValue: false },
      ],
      'reproduce',
    );
    if (args.positional.length > 0) throw new UsageError(`reproduce: unexpected argument "${args.positional[0]}"; usage: ${reproduceCommand.usage}`);
    const outDir = flag(args, 'out') ?? 'results';
    const seed = seedFlag(args, 'reproduce') ?? DEFAULT_SEED;
    const only = flag(args, 'only')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (only && only.length === 0) throw new UsageError('reproduce: --only needs scenario names, e.g. --only fig3a-ppf,fig3b-ltp-ltd (see memspike list)');
    const selected = only ? only.map((n) => {
      const s = scenarios.find((x) => x.name === n);
      if (!s) throw new UsageError(`reproduce: unknown scenario "${n.slice(0, 200)}" in --only`);
      return s;
    }) : scenarios;
    // Every scenario's estimate is checked before the first one starts.
    if (!args.flags.has('force')) for (const s of selected) checkBudget(s, resolveParams(s.name, s.params, []), CLI_BUDGET, args.flags.has('quick'), 'Pass --force to run it anyway.');
    ensureWritableDir(outDir);
    const entries: ReportEntry[] = [];
    const progress = consoleProgress();
    const t0 = Date.now();
    for (const [i, s] of selected.entries()) {
      process.stderr.write(`[${i + 1}/${selected.length}] ${s.name} (${s.experiment}${s.figure ? ', ' + s.figure : ''})\n`);
      const out = await runScenario(s, { outDir, seed, quick: args.flags.has('quick'), force: args.flags.has('force'), progress });
      entries.push({ summary: out.summary, figures: out.figures.map((f) => join(s.name, f)) });
      const fails = out.summary.metrics.filter((m) => !m.pass).length;
      process.stdout.write(`${s.name}: ${out.summary.metrics.length - fails}/${out.summary.metrics.length} targets pass\n`);
    }
    const report = renderReport(entries, {
      title: 'memspike reproduction report: Pt/MoSe2/Pt memristor (Duan et al.)',
      seed,
      command: `memspike reproduce --out ${outDir}${args.flags.has('quick') ? ' --quick' : ''}`,
    });
    writeAtomic(join(outDir, 'REPORT.md'), report);
    const all = entries.flatMap((e) => e.summary.metrics);
    const passed = all.filter((m) => m.pass).length;
    process.stdout.write(`${passed} of ${all.length} targets pass; report: ${join(outDir, 'REPORT.md')} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    return 0;
  },
};
