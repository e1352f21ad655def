/**
 * Spike raster (canvas): one row per neuron, one dot per spike in the
 * scrolling time window. Spikes are time-sorted, so the window is found by
 * binary search and only visible spikes are touched: tens of thousands per
 * frame stay smooth.
 */
import { COLORS, MARGIN, d3, fitCanvas, timeAxis } from './canvas.ts';
import { lowerBound, type RunData } from './data.ts';

export class RasterView {
  drawn = 0;
  private x = d3.scaleLinear();
  private rows = 1;
  private h = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  draw(data: RunData, t0: number, t1: number): void {
    const { ctx, w, h } = fitCanvas(this.canvas);
    this.h = h;
    const rows = Math.max(1, data.run?.neurons ?? 1);
    this.rows = rows;
    const x = this.x.domain([t0, t1]).range([MARGIN.left, w - MARGIN.right]);
    const plotH = h - MARGIN.top - MARGIN.bottom;
    ctx.fillStyle = COLORS.bg;
    ctx.fillRect(MARGIN.left, MARGIN.top, w - MARGIN.left - MARGIN.right, plotH);
    timeAxis(ctx, x, MARGIN.top, h - MARGIN.bottom);
    // Row labels: a few neuron indices.
    ctx.fillStyle = COLORS.axis;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const rowH = plotH / rows;
    const y = d3.scaleLinear().domain([0, rows]).range([MARGIN.top, MARGIN.top + plotH]);
    for (const r of y.ticks(Math.min(6, rows))) if (Number.isInteger(r) && r < rows) ctx.fillText(String(r), MARGIN.left - 6, y(r) + rowH / 2);
    const s = data.spikes;
    const i0 = lowerBound(s.t, s.n, t0);
    const i1 = lowerBound(s.t, s.n, t1 + 1e-12);
    const dot = Math.max(1.5, Math.min(4, rowH * 0.8));
    ctx.fillStyle = COLORS.spike;
    ctx.globalAlpha = i1 - i0 > 20000 ? 0.6 : 0.9;
    const ax = x(t0);
    const kx = (x(t1) - ax) / (t1 - t0);
    for (let i = i0; i < i1; i++) {
      const px = ax + (s.t[i] - t0) * kx;
      const py = MARGIN.top + s.v[i] * rowH + rowH / 2;
      ctx.fillRect(px - dot / 2, py - dot / 2, dot, dot);
    }
    ctx.globalAlpha = 1;
    this.drawn = i1 - i0;
  }

  /** Time and neuron under a point of the canvas, or null outside the plot. */
  at(px: number, py: number): { tS: number; neuron: number } | null {
    const plotH = this.h - MARGIN.top - MARGIN.bottom;
    if (px < MARGIN.left || py < MARGIN.top || py > MARGIN.top + plotH) return null;
    return { tS: this.x.invert(px), neuron: Math.floor(((py - MARGIN.top) / plotH) * this.rows) };
  }

  /** The visible spikes as an SVG document (at most maxDots of them). */
  toSVG(data: RunData, t0: number, t1: number, maxDots = 50000): string {
    const w = 900;
    const h = 320;
    const rows = Math.max(1, data.run?.neurons ?? 1);
    const x = d3.scaleLinear().domain([t0, t1]).range([MARGIN.left, w - MARGIN.right]);
    const rowH = (h - MARGIN.top - MARGIN.bottom) / rows;
    const s = data.spikes;
    const i0 = lowerBound(s.t, s.n, t0);
    const i1 = Math.min(lowerBound(s.t, s.n, t1 + 1e-12), i0 + maxDots);
    const dots: string[] = [];
    for (let i = i0; i < i1; i++) dots.push(`<rect x="${x(s.t[i]).toFixed(2)}" y="${(MARGIN.top + s.v[i] * rowH).toFixed(2)}" width="1.5" height="${Math.max(1, rowH * 0.8).toFixed(2)}"/>`);
    const ticks = x
      .ticks(8)
      .map((t) => `<text x="${x(t).toFixed(1)}" y="${h - 6}" text-anchor="middle">${t}</text>`)
      .join('');
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="white"/><g fill="#1f6feb">${dots.join('')}</g><g fill="#333">${ticks}<text x="${w / 2}" y="${h - 6 - 12}" text-anchor="middle">time (s)</text><text transform="translate(14 ${h / 2}) rotate(-90)" text-anchor="middle">neuron</text></g></svg>`;
  }
}
