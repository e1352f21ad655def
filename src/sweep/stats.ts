/**
 * stats.csv: the spread of each numeric metric over the seeds at every
 * parameter point (count, mean, standard deviation, min, 5 %, median, 95 %,
 * max), from the table rows in the sweep's order, so it is as reproducible
 * as the table itself.
 */
import { join } from 'node:path';
import { writeAtomic } from '../record/write.ts';
import { quantile } from './figures.ts';
import { csvCell, type Row } from './tables.ts';
import type { SweepSpec } from './types.ts';

const num = (x: number): number => Number(x.toPrecision(8));

export function statsCSV(spec: SweepSpec, rows: readonly Row[]): string {
  const lines = [[...spec.axes.map((a) => a.key), 'metric', 'n', 'mean', 'sd', 'min', 'q05', 'median', 'q95', 'max'].map(csvCell).join(',')];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.result.status !== 'ok') continue;
    const k = JSON.stringify(spec.axes.map((a) => r.point.axisValues[a.key]));
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const g of groups.values()) {
    for (const m of spec.metrics) {
      const v = g.map((r) => r.result.metrics[m.name]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
      if (v.length === 0) continue;
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
      const cells = [...spec.axes.map((a) => g[0].point.axisValues[a.key]), m.column, v.length, ...[mean, sd, v[0], quantile(v, 0.05), quantile(v, 0.5), quantile(v, 0.95), v[v.length - 1]].map(num)];
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

export function writeStats(outDir: string, spec: SweepSpec, rows: readonly Row[]): string {
  writeAtomic(join(outDir, 'stats.csv'), statsCSV(spec, rows));
  return 'stats.csv';
}
