/**
 * Heat map of a value per grid cell (receptor sheets: index = y * width + x),
 * with a colour bar and optional circle markers (e.g. the stimulus spot).
 * Colours from d3's sequential interpolators; deterministic SVG text.
 */
import { interpolateInferno, interpolateYlOrRd, scaleLinear } from 'd3';
import { esc, svgOpen } from './svg.ts';

export interface HeatmapSpec {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** width * height values, row-major (index = y * width + x). */
  readonly values: ArrayLike<number>;
  /** Colour domain; default: the values' range. */
  readonly domain?: readonly [number, number];
  readonly colorLabel: string;
  /** Display scale for the colour-bar labels (e.g. 1e9 for nA). */
  readonly labelScale?: number;
  readonly palette?: 'inferno' | 'heat';
  /** Circles in grid units, e.g. the injured spot. */
  readonly circles?: readonly { readonly cx: number; readonly cy: number; readonly r: number; readonly label: string }[];
  /** Pixel size of a cell (default: fits 360 px). */
  readonly cellPx?: number;
}

export function heatmap(spec: HeatmapSpec): string {
  const { width: gw, height: gh, values } = spec;
  if (values.length !== gw * gh) throw new Error(`heatmap: ${values.length} values for a ${gw} x ${gh} grid`);
  const cell = spec.cellPx ?? Math.max(4, Math.floor(360 / Math.max(gw, gh)));
  const m = { l: 30, r: 110, t: 34, b: 30 };
  const w = m.l + gw * cell + m.r;
  const h = Math.max(m.t + gh * cell + m.b, 200);
  let [lo, hi] = spec.domain ?? [Infinity, -Infinity];
  if (!spec.domain) {
    for (let i = 0; i < values.length; i++) {
      if (Number.isFinite(values[i])) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
    }
    if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  }
  if (hi === lo) hi = lo + 1;
  const interp = spec.palette === 'heat' ? interpolateYlOrRd : interpolateInferno;
  const color = (v: number): string => (Number.isFinite(v) ? interp(Math.min(1, Math.max(0, (v - lo) / (hi - lo)))) : '#ccc');
  const parts: string[] = [svgOpen(w, h, spec.title)];
  for (let yy = 0; yy < gh; yy++) {
    for (let xx = 0; xx < gw; xx++) {
      const v = values[yy * gw + xx];
      parts.push(`<rect x="${m.l + xx * cell}" y="${m.t + yy * cell}" width="${cell}" height="${cell}" fill="${color(v)}"/>`);
    }
  }
  for (const c of spec.circles ?? []) {
    const px = m.l + (c.cx + 0.5) * cell;
    const py = m.t + (c.cy + 0.5) * cell;
    parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="${(c.r * cell).toFixed(1)}" fill="none" stroke="#1f77b4" stroke-width="2" stroke-dasharray="5,3"><title>${esc(c.label)}</title></circle>`);
  }
  // Colour bar.
  const bx = m.l + gw * cell + 24;
  const bh = gh * cell;
  const steps = 32;
  for (let s = 0; s < steps; s++) {
    const f = 1 - (s + 0.5) / steps;
    parts.push(`<rect x="${bx}" y="${(m.t + (s * bh) / steps).toFixed(1)}" width="14" height="${(bh / steps + 0.5).toFixed(1)}" fill="${interp(f)}"/>`);
  }
  const k = spec.labelScale ?? 1;
  const ys = scaleLinear().domain([lo * k, hi * k]).range([m.t + bh, m.t]);
  const tf = ys.tickFormat(5);
  for (const t of ys.ticks(5)) {
    parts.push(`<text x="${bx + 18}" y="${ys(t).toFixed(1)}" dy="0.32em">${esc(tf(t))}</text>`);
  }
  parts.push(`<text transform="translate(${bx + 70},${m.t + bh / 2}) rotate(90)" text-anchor="middle">${esc(spec.colorLabel)}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
