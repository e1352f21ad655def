/** Figures of the pattern-learning scenario: input raster with the neuron's spikes, weight evolution. */
import { scaleLinear } from 'd3';
import { axes, esc, svgOpen } from '../../src/report/svg.ts';
import type { InputTrains } from './input.ts';

/**
 * Raster of the afferents over [t0, t1): pattern afferents (sorted by their
 * first pattern spike) on top, pattern windows shaded, postsynaptic spikes as
 * red bars along the top.
 */
export function rasterSVG(input: InputTrains, post: Float64Array, patternS: number, t0: number, t1: number, title: string): string {
  const w = 760;
  const h = 420;
  const m = { l: 64, r: 20, t: 40, b: 40 };
  const n = input.start.length - 1;
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => {
    const pa = input.inPattern[a] ? input.firstPatternSpikeS[a] : Infinity;
    const pb = input.inPattern[b] ? input.firstPatternSpikeS[b] : Infinity;
    return (Number.isNaN(pa) ? 1e9 : pa) - (Number.isNaN(pb) ? 1e9 : pb) || a - b;
  });
  const row = new Int32Array(n);
  order.forEach((j, r) => (row[j] = r));
  const x = scaleLinear().domain([t0, t1]).range([m.l, w - m.r]);
  const y = scaleLinear().domain([0, n]).range([m.t, h - m.b]);
  const parts = [svgOpen(w, h, title)];
  for (const o of input.onsetsS) {
    if (o + patternS < t0 || o > t1) continue;
    const a = x(Math.max(o, t0));
    const b = x(Math.min(o + patternS, t1));
    parts.push(`<rect x="${a.toFixed(1)}" y="${m.t}" width="${(b - a).toFixed(1)}" height="${h - m.b - m.t}" fill="#fde9c8"/>`);
  }
  parts.push(axes(x, y, w, h, m, 'time (s)', 'afferent (pattern afferents first)'));
  const dots: string[] = [];
  for (let j = 0; j < n; j++) {
    const py = y(row[j] + 0.5).toFixed(1);
    const color = input.inPattern[j] ? '#1f77b4' : '#7f7f7f';
    for (let k = input.start[j]; k < input.start[j + 1]; k++) {
      const t = input.times[k];
      if (t >= t0 && t < t1) dots.push(`<rect x="${x(t).toFixed(1)}" y="${py}" width="1.2" height="1.2" fill="${color}"/>`);
    }
  }
  parts.push(dots.join(''));
  for (const t of post) {
    if (t >= t0 && t < t1) parts.push(`<line x1="${x(t).toFixed(1)}" y1="${m.t - 12}" x2="${x(t).toFixed(1)}" y2="${m.t - 2}" stroke="#d62728" stroke-width="2"/>`);
  }
  parts.push(`<text x="${w - m.r}" y="${m.t - 16}" text-anchor="end" fill="#d62728">${esc('postsynaptic spikes')}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
