/**
 * Writers for a scenario's standard outputs (all atomic). Tables and figures
 * go to an output target, the run's folder and which files it keeps
 * (RunContext.outputs): with `summary` they are skipped, and a figure given
 * as a function is not even drawn.
 */
import { join } from 'node:path';
import { writeAtomic, writeJSON } from '../record/write.ts';
import { CsvStream, CsvStreams } from '../record/csv-stream.ts';
import type { ColumnTable } from '../record/table.ts';
import type { Metric, RunContext, Scenario, ScenarioOutput, ScenarioSummary } from './types.ts';

/** Where a run's files go and which it writes (a RunContext is one). */
export type OutputTarget = Pick<RunContext, 'outDir' | 'outputs'>;

/** True when the run writes its tables and figures (outputs `all`, the default). */
export function writesFiles(to: OutputTarget): boolean {
  return (to.outputs ?? 'all') === 'all';
}

/** CSV streams in the run's folder; with outputs `summary` they count rows and write nothing. */
export function csvStreams(to: OutputTarget): CsvStreams {
  return new CsvStreams(to.outDir, !writesFiles(to));
}

/**
 * Writes a table held in memory as CSV through a CsvStream (one fixed buffer,
 * never the text of the table). Outputs that can be large are streamed as
 * the run goes instead (src/harness/stream-outputs.ts).
 */
export function writeTable(to: OutputTarget, file: string, table: ColumnTable): void {
  if (!writesFiles(to)) return;
  const s = new CsvStream(join(to.outDir, file), table.columns);
  try {
    s.table(table);
    s.finish();
  } finally {
    s.abort();
  }
}

export function writeSummary(outDir: string, summary: ScenarioSummary): void {
  writeJSON(join(outDir, 'summary.json'), summary);
}

/** Writes an SVG figure (given as its text, or a function drawing it) and returns its file name. */
export function writeSVG(to: OutputTarget, file: string, svg: string | (() => string)): string {
  if (writesFiles(to)) writeAtomic(join(to.outDir, file), typeof svg === 'string' ? svg : svg());
  return file;
}

/** Writes summary.json for a finished scenario and returns its output record. */
export function finishScenario(
  ctx: RunContext,
  scenario: Pick<Scenario, 'name' | 'experiment' | 'figure' | 'title'>,
  metrics: readonly Metric[],
  figures: readonly string[],
  extra: Pick<ScenarioSummary, 'deviceOverrides' | 'notes'> = {},
): ScenarioOutput {
  const summary: ScenarioSummary = {
    scenario: scenario.name,
    experiment: scenario.experiment,
    figure: scenario.figure,
    title: scenario.title,
    seed: ctx.seed,
    params: ctx.params,
    metrics,
    ...extra,
  };
  writeSummary(ctx.outDir, summary);
  return { summary, figures };
}
