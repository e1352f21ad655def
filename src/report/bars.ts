/**
 * Grouped bar chart: categories along x, one bar per series in each category,
 * optional horizontal reference lines. Deterministic SVG text.
 */
import { scaleBand, scaleLinear } from 'd3';
import { PALETTE, axes, esc, referenceLines, svgOpen } from './svg.ts';

export interface BarSeries {
  readonly name: string;
  /** One value per category. */
  readonly values: readonly number[];
  readonly color?: string;
}

export interface BarChartSpec {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly yLabel: string;
  readonly xLabel?: string;
  readonly yScale?: number;
  readonly hLines?: readonly { y: number; label: string; color?: string }[];
  readonly width?: number;
  readonly height?: number;
}

export function barChart(spec: BarChartSpec): string {
  const w = spec.width ?? 640;
  const h = spec.height ?? 400;
  const m = { l: 64, r: 150, t: 28, b: 40 };
  const k = spec.yScale ?? 1;
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) {
      throw new Error(`bar chart "${spec.title}": series "${s.name}" has ${s.values.length} values for ${spec.categories.length} categories`);
    }
  }
  let hi = 0;
  let lo = 0;
  for (const s of spec.series) for (const v of s.values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v * k), Math.max(hi, v * k)];
  for (const l of spec.hLines ?? []) [lo, hi] = [Math.min(lo, l.y * k), Math.max(hi, l.y * k)];
  if (hi === lo) hi = lo + 1;
  const xb = scaleBand().domain(spec.categories).range([m.l, w - m.r]).padding(0.2);
  const inner = scaleBand()
    .domain(spec.series.map((_, i) => String(i)))
    .range([0, xb.bandwidth()])
    .padding(0.05);
  const y = scaleLinear().domain([lo, hi]).range([h - m.b, m.t]).nice();
  // The category axis is a band scale; draw the value axis with the shared helper on a dummy linear x.
  const xDummy = scaleLinear().domain([0, 1]).range([m.l, w - m.r]);
  const axisSvg = axes(xDummy, y, w, h, m, spec.xLabel ?? '', spec.yLabel)
    .split('\n')
    .filter((l) => !(l.includes(`y2="${h - m.b + 4}"`) || l.includes(`y="${h - m.b + 16}"`)))
    .join('\n');
  const parts: string[] = [svgOpen(w, h, spec.title), axisSvg];
  for (const c of spec.categories) {
    parts.push(`<text x="${((xb(c) ?? 0) + xb.bandwidth() / 2).toFixed(1)}" y="${h - m.b + 16}" text-anchor="middle">${esc(c)}</text>`);
  }
  const y0 = y(0);
  spec.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    s.values.forEach((v, j) => {
      if (!Number.isFinite(v)) return;
      const px = (xb(spec.categories[j]) ?? 0) + (inner(String(i)) ?? 0);
      const py = y(v * k);
      parts.push(
        `<rect x="${px.toFixed(1)}" y="${Math.min(py, y0).toFixed(1)}" width="${inner.bandwidth().toFixed(1)}" height="${Math.abs(y0 - py).toFixed(1)}" fill="${color}"><title>${esc(`${s.name}: ${v * k}`)}</title></rect>`,
      );
    });
    const ly = m.t + 12 + i * 16;
    parts.push(`<rect x="${w - m.r + 10}" y="${ly - 5}" width="18" height="10" fill="${color}"/>`);
    parts.push(`<text x="${w - m.r + 32}" y="${ly}" dy="0.32em">${esc(s.name)}</text>`);
  });
  if (spec.hLines?.length) parts.push(referenceLines(spec.hLines, (v) => y(v * k), m.l, w - m.r));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
