/** Figures of the network scenarios: accuracy vs epoch and a confusion-matrix heat map. */
import { esc, lineChart, svgOpen } from '../report/svg.ts';

export interface AccuracyCurve {
  readonly name: string;
  readonly epochs: ArrayLike<number>;
  /** Test accuracy, fraction. */
  readonly accuracy: ArrayLike<number>;
}

export function accuracyChart(title: string, curves: readonly AccuracyCurve[], articlePercent: number): string {
  return lineChart({
    title,
    xLabel: 'training epoch',
    yLabel: 'test accuracy (%)',
    yScale: 100,
    yDomain: [0, 100],
    series: curves.map((c) => ({ name: c.name, x: c.epochs, y: c.accuracy, style: 'both' as const })),
    hLines: [{ y: articlePercent / 100, label: `article: up to ${articlePercent} %`, color: '#555' }],
  });
}

/** Heat map of counts[true * classes + predicted], rows = true class. */
export function confusionChart(title: string, counts: Uint32Array, classes: number): string {
  const cell = 34;
  const m = { l: 70, t: 50, r: 20, b: 60 };
  const w = m.l + classes * cell + m.r;
  const h = m.t + classes * cell + m.b;
  const parts = [svgOpen(w, h, title)];
  const rowSum = new Float64Array(classes);
  for (let t = 0; t < classes; t++) for (let p = 0; p < classes; p++) rowSum[t] += counts[t * classes + p];
  for (let t = 0; t < classes; t++) {
    for (let p = 0; p < classes; p++) {
      const n = counts[t * classes + p];
      const f = rowSum[t] > 0 ? n / rowSum[t] : 0;
      // White to dark blue by the fraction of the true class.
      const shade = Math.round(255 * (1 - f));
      const fill = `rgb(${shade},${Math.round(255 - 150 * f)},255)`;
      const x = m.l + p * cell;
      const y = m.t + t * cell;
      parts.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ccc"/>`);
      if (n > 0) parts.push(`<text x="${x + cell / 2}" y="${y + cell / 2}" dy="0.32em" text-anchor="middle" fill="${f > 0.5 ? 'white' : 'black'}" font-size="10">${n}</text>`);
    }
    parts.push(`<text x="${m.l - 8}" y="${m.t + t * cell + cell / 2}" dy="0.32em" text-anchor="end">${t}</text>`);
    parts.push(`<text x="${m.l + t * cell + cell / 2}" y="${m.t + classes * cell + 16}" text-anchor="middle">${t}</text>`);
  }
  parts.push(`<text x="${m.l + (classes * cell) / 2}" y="${h - 16}" text-anchor="middle">${esc('predicted class')}</text>`);
  parts.push(`<text transform="translate(20,${m.t + (classes * cell) / 2}) rotate(-90)" text-anchor="middle">${esc('true class')}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
