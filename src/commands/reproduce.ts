import { join } from 'node:path';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { ScenarioSummary } from '../harness/types.ts';
import { scenarios } from '../../scenarios/index.ts';
import { runScenario, DEFAULT_SEED } from '../harness/runner.ts';
import { CLI_BUDGET, checkBudget } from '../harness/estimate.ts';
import { resolveParams } from '../harness/params.ts';
import { consoleProgress } from '../report/progress.ts';
import { renderReport, renderResults, type ReportEntry } from '../report/report.ts';
import { countClaims, headline } from '../report/claims-summary.ts';
import { extraSections } from '../report/sections.ts';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import { UsageError, flag, parseArgs, seedFlag } from './args.ts';
import type { Command } from './command.ts';

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "run every scenario (article experiments, then circuits) and write REPORT.md with figures",
  usage: 'memspike reproduce [--out DIR] [--seed N] [--quick] [--only a,b,...] [--force] [--report-only (re-render REPORT.md from the summaries already in DIR)]',
  async run(argv) {
    const args = parseArgs(
      argv,
      [
        { name: 'out', takesValue: true },
        { name: 'seed', takesValue: true },
        { name: 'quick', takesValue: false },
        { name: 'only', takesValue: true },
        { name: 'force', takesValue: false },
        { name: 'report-only', takesValue: false },
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
      const out = args.flags.has('report-only') ? readFinished(outDir, s.name) : await runScenario(s, { outDir, seed, quick: args.flags.has('quick'), force: args.flags.has('force'), progress });
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

/** A finished scenario's summary and figures, read back from its folder (for --report-only). */
function readFinished(outDir: string, name: string): { summary: ScenarioSummary; figures: string[] } {
  const file = join(outDir, name, 'summary.json');
  if (!existsSync(file)) throw new UsageError(`reproduce --report-only: ${file} does not exist; run the scenario first`);
  const summary = JSON.parse(readFileSync(file, 'utf8')) as ScenarioSummary;
  return { summary, figures: readdirSync(join(outDir, name)).filter((f) => f.endsWith('.svg')).sort() };
}
