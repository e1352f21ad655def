/** Writers for a scenario's standard outputs (all atomic). */
import { join } from 'node:path';
import { writeAtomic, writeJSON } from '../record/write.ts';
import { CsvStream } from '../record/csv-stream.ts';
import type { ColumnTable } from '../record/table.ts';
import type { Metric, RunContext, Scenario, ScenarioOutput, ScenarioSummary } from './types.ts';

/**
 * Writes a table held in memory as CSV through a CsvStream (one fixed buffer,
 * never the text of the table). Outputs that can be large are streamed as
 * the run goes instead (src/harness/stream-outputs.ts).
 */
export function writeTable(outDir: string, file: string, table: ColumnTable): void {
  const s = new CsvStream(join(outDir, file), table.columns);
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

export function writeSVG(outDir: string, file: string, svg: string): string {
  writeAtomic(join(outDir, file), svg);
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
