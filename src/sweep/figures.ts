/**
 * Summary figures of a sweep, drawn from its table: each numeric metric
 * against each numeric axis (mean over seeds, with a band spanning the seeds:
 * min..max below 10 seeds, the 5 %..95 % quantiles from 10 on), and, for a
 * Monte-Carlo axis (5 seeds or more), a histogram of each metric over the
 * seeds. One series per combination of the other axes, up to six; beyond that
 * the other axes are pooled into the band.
 */
import { area, line, scaleLinear } from 'd3';
import { join } from 'node:path';
import { writeAtomic } from '../record/write.ts';
import { PALETTE, axes, esc, svgOpen } from '../report/svg.ts';
import type { Row } from './tables.ts';
import type { ParamValue } from '../harness/types.ts';
import type { SweepSpec } from './types.ts';

const MAX_SERIES = 6;
const W = 640;
const H = 400;
const M = { l: 64, r: 170, t: 28, b: 40 };

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'metric';
}

/** Quantile with linear interpolation between order statistics (sorted input). */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

function spread(values: readonly number[]): { mean: number; lo: number; hi: number } {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return s.length < 10 ? { mean, lo: s[0], hi: s[s.length - 1] } : { mean, lo: quantile(s, 0.05), hi: quantile(s, 0.95) };
}

function numeric(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function legend(parts: string[], i: number, name: string, color: string): void {
  const ly = M.t + 12 + i * 16;
  parts.push(`<rect x="${W - M.r + 10}" y="${ly - 5}" width="18" height="10" fill="${color}" fill-opacity="0.5"/>`);
  parts.push(`<text x="${W - M.r + 32}" y="${ly}" dy="0.32em">${esc(name.slice(0, 30))}</text>`);
}

interface BandSeries {
  readonly name: string;
  readonly x: number[];
  readonly mean: number[];
  readonly lo: number[];
  readonly hi: number[];
}

function bandChart(title: string, xLabel: string, yLabel: string, series: readonly BandSeries[], note: string): string {
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => [...s.lo, ...s.hi]);
  const pad = (lo: number, hi: number): [number, number] => (lo === hi ? [lo - 1, hi + 1] : [lo, hi]);
  const x = scaleLinear().domain(pad(Math.min(...xs), Math.max(...xs))).range([M.l, W - M.r]).nice();
  const y = scaleLinear().domain(pad(Math.min(...ys), Math.max(...ys))).range([H - M.b, M.t]).nice();
  const parts = [svgOpen(W, H, title), axes(x, y, W, H, M, xLabel, yLabel)];
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const idx = s.x.map((_, j) => j);
    const band = area<number>().x((j) => x(s.x[j])).y0((j) => y(s.lo[j])).y1((j) => y(s.hi[j])).digits(2)(idx) ?? '';
    parts.push(`<path d="${band}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    const mid = line<number>().x((j) => x(s.x[j])).y((j) => y(s.mean[j])).digits(2)(idx) ?? '';
    parts.push(`<path d="${mid}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    for (const j of idx) parts.push(`<circle cx="${x(s.x[j]).toFixed(1)}" cy="${y(s.mean[j]).toFixed(1)}" r="2.5" fill="${color}"/>`);
    legend(parts, i, s.name, color);
  });
  parts.push(`<text x="${W - M.r + 10}" y="${H - M.b}" font-size="10" fill="#555">${esc(note)}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function histogram(title: string, xLabel: string, groups: readonly { name: string; values: number[] }[]): string {
  const all = groups.flatMap((g) => g.values);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const bins = Math.max(5, Math.min(40, Math.ceil(Math.sqrt(all.length))));
  const width = (hi - lo) / bins;
  const counts = groups.map((g) => {
    const c = new Array<number>(bins).fill(0);
    for (const v of g.values) c[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
    return c;
  });
  const x = scaleLinear().domain([lo, hi]).range([M.l, W - M.r]);
  const y = scaleLinear().domain([0, Math.max(1, ...counts.flat())]).range([H - M.b, M.t]).nice();
  const parts = [svgOpen(W, H, title), axes(x, y, W, H, M, xLabel, 'count (seeds)')];
  counts.forEach((c, i) => {
    const color = PALETTE[i % PALETTE.length];
    // Step outlines, lightly filled, so overlapping groups stay readable.
    let d = `M${x(lo).toFixed(2)},${y(0).toFixed(2)}`;
    c.forEach((n, b) => (d += `V${y(n).toFixed(2)}H${x(lo + (b + 1) * width).toFixed(2)}`));
    d += `V${y(0).toFixed(2)}Z`;
    parts.push(`<path d="${d}" fill="${color}" fill-opacity="0.15" stroke="${color}" stroke-width="1.5"/>`);
    legend(parts, i, `${groups[i].name} (n=${groups[i].values.length})`, color);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function label(values: Readonly<Record<string, ParamValue>>): string {
  const e = Object.entries(values);
  return e.length === 0 ? 'mean over seeds' : e.map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

/** Charts across metrics: mean and band at each metric's x, one series per parameter point; and their histograms. */
function writeCharts(spec: SweepSpec, ok: readonly Row[], write: (name: string, svg: string) => void): void {
  const byPoint = new Map<string, Row[]>();
  for (const r of ok) {
    const k = JSON.stringify(spec.axes.map((a) => r.point.axisValues[a.key]));
    byPoint.set(k, [...(byPoint.get(k) ?? []), r]);
  }
  const sets = byPoint.size > MAX_SERIES ? [['all points pooled', ok] as const] : [...byPoint.values()].map((g) => [label(g[0].point.axisValues), g] as const);
  const n = spec.seeds.length;
  for (const c of spec.charts) {
    const names = c.columns.map((col) => (spec.metrics.find((m) => m.column === col) as { name: string }).name);
    const series: BandSeries[] = [];
    for (const [name, g] of sets) {
      const s: BandSeries = { name, x: [], mean: [], lo: [], hi: [] };
      names.forEach((mn, j) => {
        const ys = g.map((r) => r.result.metrics[mn]).filter(numeric);
        if (ys.length === 0) return;
        const sp = spread(ys);
        s.x.push(c.x[j]);
        s.mean.push(sp.mean);
        s.lo.push(sp.lo);
        s.hi.push(sp.hi);
      });
      if (s.x.length > 0) series.push(s);
    }
    if (series.length === 0) continue;
    write(`${slug(c.title)}.svg`, bandChart(c.title, c.xLabel, c.yLabel, series, n === 1 ? 'one seed' : `band: ${n < 10 ? 'min..max' : '5..95 %'} of ${n} seeds`));
    if (n >= 5) {
      const groups = names.map((mn, j) => ({ name: `${c.xLabel.split(' (')[0].split(' ').pop()} ${c.x[j]}`, values: ok.map((r) => r.result.metrics[mn]).filter(numeric) })).filter((g) => g.values.length > 0);
      if (groups.length > 0) write(`${slug(c.title)}-histogram.svg`, histogram(`${c.title}: over ${n} seeds`, c.yLabel, groups));
    }
  }
}

/** Writes the figures; returns their file names. */
export function writeSweepFigures(outDir: string, spec: SweepSpec, rows: readonly Row[]): string[] {
  const ok = rows.filter((r) => r.result.status === 'ok');
  const files: string[] = [];
  const write = (name: string, svg: string): void => {
    writeAtomic(join(outDir, name), svg);
    files.push(name);
  };
  writeCharts(spec, ok, write);
  const metrics = spec.metrics.filter((m) => ok.some((r) => numeric(r.result.metrics[m.name])));
  for (const m of metrics) {
    for (const a of spec.axes) {
      if (a.values.length < 2 || !a.values.every((v) => typeof v === 'number')) continue;
      const others = spec.axes.filter((b) => b !== a);
      const groupKey = (r: Row): string => JSON.stringify(others.map((b) => r.point.axisValues[b.key]));
      const groups = new Map<string, Row[]>();
      for (const r of ok) groups.set(groupKey(r), [...(groups.get(groupKey(r)) ?? []), r]);
      const pooled = groups.size > MAX_SERIES;
      const sets = pooled ? [['all other axes pooled', ok] as const] : [...groups.values()].map((g) => [label(Object.fromEntries(others.map((b) => [b.key, g[0].point.axisValues[b.key]]))), g] as const);
      const series: BandSeries[] = [];
      for (const [name, g] of sets) {
        const s: BandSeries = { name, x: [], mean: [], lo: [], hi: [] };
        for (const v of a.values) {
          const ys = g.filter((r) => r.point.axisValues[a.key] === v).map((r) => r.result.metrics[m.name]).filter(numeric);
          if (ys.length === 0) continue;
          const sp = spread(ys);
          s.x.push(v as number);
          s.mean.push(sp.mean);
          s.lo.push(sp.lo);
          s.hi.push(sp.hi);
        }
        if (s.x.length > 0) series.push(s);
      }
      if (series.length === 0) continue;
      const n = spec.seeds.length;
      const note = n === 1 ? 'one seed' : `band: ${n < 10 ? 'min..max' : '5..95 %'} of ${n} seeds`;
      write(`${slug(m.column)}-vs-${slug(a.key)}.svg`, bandChart(`${m.column} vs ${a.key}`, a.key, m.column, series, note));
    }
    if (spec.seeds.length >= 5) {
      const byPoint = new Map<string, Row[]>();
      for (const r of ok) {
        const k = JSON.stringify(spec.axes.map((a) => r.point.axisValues[a.key]));
        byPoint.set(k, [...(byPoint.get(k) ?? []), r]);
      }
      const groups = byPoint.size > MAX_SERIES
        ? [{ name: 'all points', values: ok.map((r) => r.result.metrics[m.name]).filter(numeric) }]
        : [...byPoint.values()].map((g) => ({ name: label(g[0].point.axisValues), values: g.map((r) => r.result.metrics[m.name]).filter(numeric) }));
      const nonEmpty = groups.filter((g) => g.values.length > 0);
      if (nonEmpty.length > 0) write(`${slug(m.column)}-histogram.svg`, histogram(`${m.column} over ${spec.seeds.length} seeds`, m.column, nonEmpty));
    }
  }
  return files;
}
