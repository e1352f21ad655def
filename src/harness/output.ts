/** Writers for a scenario's standard outputs (all atomic). */
import { join } from 'node:path';
import { writeAtomic, writeAtomicChunks, writeJSON } from '../record/write.ts';
import type { ColumnTable } from '../record/table.ts';
import type { Metric, RunContext, Scenario, ScenarioOutput, ScenarioSummary } from './types.ts';

/** Writes a table as CSV, streamed in pieces (a table of millions of rows never becomes one string). */
export function writeTable(outDir: string, file: string, table: ColumnTable): void {
  writeAtomicChunks(join(outDir, file), table.csvChunks());
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
