import { join } from 'node:path';
import { scenarios } from '../../scenarios/index.ts';
import { runScenario, DEFAULT_SEED } from '../harness/runner.ts';
import { consoleProgress } from '../report/progress.ts';
import { renderReport, renderResults, type ReportEntry } from '../report/report.ts';
import { countClaims, headline } from '../report/claims-summary.ts';
import { extraSections } from '../report/sections.ts';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import { UsageError, flag, intFlag, parseArgs } from './args.ts';
import type { Command } from './command.ts';

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "run every scenario (article experiments, then circuits) and write REPORT.md with figures",
  usage: 'memspike reproduce [--out DIR] [--seed N] [--quick] [--only a,b,...]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'quick', takesValue: false },
        { name: 'only', takesValue: true },
      ],
      'reproduce',
    );
    if (args.positional.length > 0) throw new UsageError(`reproduce: unexpected argument "${args.positional[0]}"; usage: ${reproduceCommand.usage}`);
    const outDir = flag(args, 'out') ?? 'results';
    const seed = intFlag(args, 'seed', 'reproduce') ?? DEFAULT_SEED;
    const only = flag(args, 'only')?.split(',').map((s) => s.trim()).filter(Boolean);
    const selected = only ? only.map((n) => {
      const s = scenarios.find((x) => x.name === n);
      if (!s) throw new UsageError(`reproduce: unknown scenario "${n}" in --only`);
      return s;
    }) : scenarios;
    ensureWritableDir(outDir);
    const entries: ReportEntry[] = [];
    const progress = consoleProgress();
    const t0 = Date.now();
    for (const [i, s] of selected.entries()) {
      process.stderr.write(`[${i + 1}/${selected.length}] ${s.name} (${s.experiment}${s.figure ? ', ' + s.figure : ''})\n`);
      const out = await runScenario(s, { outDir, seed, quick: args.flags.has('quick'), progress });
      entries.push({ summary: out.summary, figures: out.figures.map((f) => join(s.name, f)) });
      const c = countClaims(out.summary.metrics);
      process.stdout.write(`${s.name}: ${c.hold}/${c.claims} claims hold (${c.fitted} fitted, ${c.predicted} predicted), ${c.figures} figures\n`);
    }
    const report = renderReport(
      entries,
      {
        title: 'memspike reproduction report: Pt/MoSe2/Pt memristor (Duan et al.)',
        seed,
        command: `memspike reproduce --out ${outDir}${args.flags.has('quick') ? ' --quick' : ''}`,
      },
      extraSections(),
    );
    writeAtomic(join(outDir, 'REPORT.md'), report);
    writeAtomic(join(outDir, 'RESULTS.md'), renderResults(entries, { command: `memspike reproduce${args.flags.has('quick') ? ' --quick' : ''}` }));
    const all = entries.flatMap((e) => e.summary.metrics);
    process.stdout.write(`${headline(countClaims(all))}; report: ${join(outDir, 'REPORT.md')} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    return 0;
  },
};
