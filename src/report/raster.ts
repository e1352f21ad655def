/**
 * Spike raster: one row per neuron, one tick per spike, rows grouped into
 * labelled, coloured bands (populations). Every group is drawn as a single
 * SVG path, so tens of thousands of spikes stay a small file. Deterministic.
 */
import { scaleLinear } from 'd3';
import { PALETTE, axes, esc, svgOpen } from './svg.ts';

export interface RasterGroup {
  readonly name: string;
  /** First row (neuron index) of the group and number of rows. */
  readonly first: number;
  readonly count: number;
  readonly color?: string;
}

export interface RasterSpec {
  readonly title: string;
  /** Spike times (s) and neuron indices, same length. */
  readonly timesS: ArrayLike<number>;
  readonly neurons: ArrayLike<number>;
  /** Total rows (neurons). */
  readonly rows: number;
  readonly groups?: readonly RasterGroup[];
  readonly xDomain?: readonly [number, number];
  /** Shaded time spans, e.g. stimuli. */
  readonly spans?: readonly { readonly from: number; readonly to: number; readonly label: string; readonly color?: string }[];
  readonly width?: number;
  readonly height?: number;
  readonly xLabel?: string;
}

export function raster(spec: RasterSpec): string {
  const w = spec.width ?? 720;
  const h = spec.height ?? Math.min(640, Math.max(220, 120 + spec.rows * 3));
  const m = { l: 64, r: 150, t: 28, b: 40 };
  if (spec.timesS.length !== spec.neurons.length) {
    throw new Error(`raster: ${spec.timesS.length} spike times but ${spec.neurons.length} neuron indices`);
  }
  let t0 = 0;
  let t1 = 1;
  if (spec.xDomain) [t0, t1] = spec.xDomain;
  else if (spec.timesS.length > 0) {
    t0 = Infinity;
    t1 = -Infinity;
    for (let i = 0; i < spec.timesS.length; i++) {
      t0 = Math.min(t0, spec.timesS[i]);
      t1 = Math.max(t1, spec.timesS[i]);
    }
    if (t0 === t1) t1 = t0 + 1;
  }
  const x = scaleLinear().domain([t0, t1]).range([m.l, w - m.r]);
  const rows = Math.max(1, spec.rows);
  const y = scaleLinear().domain([rows, 0]).range([h - m.b, m.t]);
  const rowPx = (h - m.b - m.t) / rows;
  const tick = Math.max(1, Math.min(8, rowPx * 0.8));
  const groups: readonly RasterGroup[] = spec.groups ?? [{ name: 'neurons', first: 0, count: rows }];
  const parts: string[] = [svgOpen(w, h, spec.title), axes(x, y, w, h, m, spec.xLabel ?? 'time (s)', 'neuron')];
  for (const s of spec.spans ?? []) {
    const a = x(Math.max(t0, s.from));
    const b = x(Math.min(t1, s.to));
    if (b <= a) continue;
    parts.push(`<rect x="${a.toFixed(1)}" y="${m.t}" width="${(b - a).toFixed(1)}" height="${h - m.b - m.t}" fill="${s.color ?? '#ffd8a8'}" opacity="0.45"><title>${esc(s.label)}</title></rect>`);
  }
  // Row -> group lookup so each spike goes to its group's path.
  const groupOf = new Int32Array(rows).fill(-1);
  groups.forEach((g, k) => {
    for (let r = g.first; r < g.first + g.count && r < rows; r++) groupOf[r] = k;
  });
  const paths: string[][] = groups.map(() => []);
  for (let i = 0; i < spec.timesS.length; i++) {
    const t = spec.timesS[i];
    const r = spec.neurons[i];
    if (t < t0 || t > t1 || r < 0 || r >= rows) continue;
    const k = groupOf[r];
    if (k < 0) continue;
    const py = y(r + 0.5) - tick / 2;
    paths[k].push(`M${x(t).toFixed(2)} ${py.toFixed(2)}v${tick.toFixed(2)}`);
  }
  groups.forEach((g, k) => {
    const color = g.color ?? PALETTE[k % PALETTE.length];
    if (groups.length > 1) {
      parts.push(`<rect x="${m.l}" y="${y(g.first + g.count).toFixed(1)}" width="${w - m.r - m.l}" height="${(g.count * rowPx).toFixed(1)}" fill="${color}" opacity="0.05"/>`);
    }
    if (paths[k].length > 0) parts.push(`<path d="${paths[k].join('')}" stroke="${color}" stroke-width="1" fill="none"/>`);
    const ly = m.t + 12 + k * 16;
    parts.push(`<line x1="${w - m.r + 10}" y1="${ly}" x2="${w - m.r + 28}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${w - m.r + 32}" y="${ly}" dy="0.32em">${esc(`${g.name} (${paths[k].length})`)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
