/**
 * The sweep's tables, from the journal: results.csv and results.jsonl (one
 * row per point and seed: key, swept parameters, seed, collected metrics,
 * status and error) and timings.csv (wall times and who ran each point).
 * Rows follow the sweep's own order (axes as written, then seeds), which
 * depends only on the sweep file, so the results are byte-identical whatever
 * the worker count, the finishing order or the engine. Wall times, which
 * differ from run to run, live in timings.csv only.
 */
import { join } from 'node:path';
import { writeAtomic } from '../record/write.ts';
import type { MetricValue, PointResult, SweepPoint, SweepSpec } from './types.ts';

export function csvCell(v: MetricValue | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface Row {
  readonly point: SweepPoint;
  readonly result: PointResult;
}

/** Rows of the points that have a result, in the sweep's order. */
export function rowsOf(points: readonly SweepPoint[], records: ReadonlyMap<string, PointResult>): Row[] {
  const rows: Row[] = [];
  for (const point of points) {
    const result = records.get(point.key);
    if (result) rows.push({ point, result });
  }
  return rows;
}

export function resultsCSV(spec: SweepSpec, rows: readonly Row[]): string {
  const head = ['key', ...spec.axes.map((a) => a.key), 'seed', ...spec.metrics.map((m) => m.column), 'status', 'error'];
  const lines = [head.map(csvCell).join(',')];
  for (const { point, result } of rows) {
    const cells: (MetricValue | undefined)[] = [point.key, ...spec.axes.map((a) => point.axisValues[a.key]), point.seed];
    for (const m of spec.metrics) cells.push(result.status === 'ok' ? result.metrics[m.name] : null);
    cells.push(result.status, result.error);
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

export function resultsJSONL(spec: SweepSpec, rows: readonly Row[]): string {
  return rows
    .map(({ point, result }) => {
      const metrics: Record<string, MetricValue> = {};
      for (const m of spec.metrics) metrics[m.column] = result.status === 'ok' ? (result.metrics[m.name] ?? null) : null;
      return JSON.stringify({ key: point.key, params: point.axisValues, seed: point.seed, metrics, status: result.status, error: result.error }) + '\n';
    })
    .join('');
}

export function timingsCSV(spec: SweepSpec, rows: readonly Row[]): string {
  const lines = [['key', ...spec.axes.map((a) => a.key), 'seed', 'status', 'wallS', 'worker'].map(csvCell).join(',')];
  for (const { point, result } of rows) {
    lines.push([point.key, ...spec.axes.map((a) => point.axisValues[a.key]), point.seed, result.status, Number(result.wallS.toFixed(4)), result.worker].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Writes the three tables, each atomically; returns their file names. */
export function writeTables(outDir: string, spec: SweepSpec, rows: readonly Row[]): string[] {
  writeAtomic(join(outDir, 'results.csv'), resultsCSV(spec, rows));
  writeAtomic(join(outDir, 'results.jsonl'), resultsJSONL(spec, rows));
  writeAtomic(join(outDir, 'timings.csv'), timingsCSV(spec, rows));
  return ['results.csv', 'results.jsonl', 'timings.csv'];
}
