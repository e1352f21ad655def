/**
 * Small SVG chart builders (d3-scale for axes, d3-shape for paths) producing
 * standalone SVG text: deterministic, no DOM needed.
 */
import { scaleLinear, scaleLog, line, type ScaleLinear, type ScaleLogarithmic } from 'd3';

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

export interface Series {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly color?: string;
  /** 'line' (default), 'points', or 'both'. */
  readonly style?: 'line' | 'points' | 'both';
  readonly dashed?: boolean;
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly width?: number;
  readonly height?: number;
  readonly logY?: boolean;
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Horizontal reference lines, e.g. a threshold. */
  readonly hLines?: readonly { y: number; label: string; color?: string }[];
  /** Scale factor applied to y values for display (e.g. 1e9 to show nA). */
  readonly yScale?: number;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

function extent(series: readonly Series[], key: 'x' | 'y', k = 1): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const a = s[key];
    for (let i = 0; i < a.length; i++) {
      const v = a[i] * k;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/** Axis ticks and labels for a linear or log scale. */
export function axes(
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number> | ScaleLogarithmic<number, number>,
  w: number,
  h: number,
  m: { l: number; r: number; t: number; b: number },
  xLabel: string,
  yLabel: string,
): string {
  const out: string[] = [];
  out.push(`<line x1="${m.l}" y1="${h - m.b}" x2="${w - m.r}" y2="${h - m.b}" stroke="#333"/>`);
  out.push(`<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${h - m.b}" stroke="#333"/>`);
  const xf = x.tickFormat(6);
  for (const t of x.ticks(6)) {
    const px = x(t).toFixed(1);
    out.push(`<line x1="${px}" y1="${h - m.b}" x2="${px}" y2="${h - m.b + 4}" stroke="#333"/>`);
    out.push(`<text x="${px}" y="${h - m.b + 16}" text-anchor="middle">${esc(xf(t))}</text>`);
  }
  const yf = y.tickFormat(6);
  for (const t of y.ticks(6)) {
    const py = y(t).toFixed(1);
    const label = yf(t);
    // On log axes d3 yields minor ticks with empty labels: short marks only, no grid line.
    out.push(`<line x1="${m.l - (label === '' ? 2 : 4)}" y1="${py}" x2="${m.l}" y2="${py}" stroke="#333"/>`);
    if (label === '') continue;
    out.push(`<line x1="${m.l}" y1="${py}" x2="${w - m.r}" y2="${py}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 6}" y="${py}" dy="0.32em" text-anchor="end">${esc(label)}</text>`);
  }
  out.push(`<text x="${(m.l + w - m.r) / 2}" y="${h - 6}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(14,${(m.t + h - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  return out.join('\n');
}

export function svgOpen(w: number, h: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Helvetica, Arial, sans-serif" font-size="11">\n` +
    `<rect width="${w}" height="${h}" fill="white"/>\n` +
    `<text x="${w / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`
  );
}

/** Dashed horizontal reference lines (thresholds) with their labels at the right end. */
export function referenceLines(
  lines: readonly { y: number; label: string; color?: string }[],
  yPx: (v: number) => number,
  x0: number,
  x1: number,
): string {
  return lines
    .map((l) => {
      const py = yPx(l.y).toFixed(1);
      const c = l.color ?? '#888';
      return (
        `<line x1="${x0}" y1="${py}" x2="${x1}" y2="${py}" stroke="${c}" stroke-dasharray="6,4"/>\n` +
        `<text x="${x1 - 4}" y="${py}" dy="-4" text-anchor="end" fill="${c}">${esc(l.label)}</text>`
      );
    })
    .join('\n');
}

export function lineChart(spec: LineChartSpec): string {
  const w = spec.width ?? 640;
  const h = spec.height ?? 400;
  const m = { l: 64, r: 150, t: 28, b: 40 };
  const k = spec.yScale ?? 1;
  const [x0, x1] = spec.xDomain ?? extent(spec.series, 'x');
  let [y0, y1] = spec.yDomain ?? extent(spec.series, 'y', k);
  for (const l of spec.hLines ?? []) {
    y0 = Math.min(y0, l.y * k);
    y1 = Math.max(y1, l.y * k);
  }
  const x = scaleLinear().domain([x0, x1]).range([m.l, w - m.r]).nice();
  const y = spec.logY
    ? scaleLog().domain([Math.max(y0, 1e-30), y1]).range([h - m.b, m.t]).nice()
    : scaleLinear().domain([y0, y1]).range([h - m.b, m.t]).nice();
  const parts: string[] = [svgOpen(w, h, spec.title), axes(x, y, w, h, m, spec.xLabel, spec.yLabel)];
  spec.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const pts: Array<[number, number]> = [];
    for (let j = 0; j < s.x.length; j++) {
      const yy = s.y[j] * k;
      if (Number.isFinite(s.x[j]) && Number.isFinite(yy) && (!spec.logY || yy > 0)) pts.push([x(s.x[j]), y(yy)]);
    }
    const style = s.style ?? 'line';
    if (style !== 'points') {
      const d = line().digits(2)(pts) ?? '';
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
    }
    if (style !== 'line') {
      for (const [px, py] of pts) parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
    const ly = m.t + 12 + i * 16;
    parts.push(`<line x1="${w - m.r + 10}" y1="${ly}" x2="${w - m.r + 28}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${w - m.r + 32}" y="${ly}" dy="0.32em">${esc(s.name)}</text>`);
  });
  if (spec.hLines?.length) parts.push(referenceLines(spec.hLines, (v) => y(v * k), m.l, w - m.r));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
