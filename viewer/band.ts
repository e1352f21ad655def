/**
 * Nociceptor state band (canvas): one thin row per neuron, coloured by its
 * state (normal / allodynia / hyperalgesia, or the scenario's own names) over
 * the time window. Segments are rebuilt from the time-ordered state changes
 * in one pass per frame.
 */
import { COLORS, MARGIN, d3, fitCanvas, stateColor, timeAxis } from './canvas.ts';
import type { RunData } from './data.ts';

export class StateBandView {
  segments = 0;
  private openT = new Float64Array(0);
  private openS = new Uint8Array(0);

  constructor(private readonly canvas: HTMLCanvasElement) {}

  draw(data: RunData, t0: number, t1: number): void {
    const { ctx, w, h } = fitCanvas(this.canvas);
    const rows = Math.max(1, data.run?.neurons ?? 1);
    const names = data.run?.stateNames ?? [];
    const x = d3.scaleLinear().domain([t0, t1]).range([MARGIN.left, w - MARGIN.right]);
    const plotH = h - MARGIN.top - MARGIN.bottom;
    const rowH = plotH / rows;
    // The future is left blank: the normal-state background ends at the present simulated time.
    ctx.fillStyle = COLORS.bg;
    ctx.fillRect(MARGIN.left, MARGIN.top, w - MARGIN.left - MARGIN.right, plotH);
    if (data.run && data.simTimeS > t0) {
      ctx.fillStyle = stateColor(names, 0);
      ctx.fillRect(MARGIN.left, MARGIN.top, x(Math.min(t1, data.simTimeS)) - MARGIN.left, plotH);
    }
    if (this.openT.length !== rows) {
      this.openT = new Float64Array(rows);
      this.openS = new Uint8Array(rows);
    }
    this.openT.fill(-Infinity);
    this.openS.fill(0);
    let segments = 0;
    const fill = (n: number, from: number, to: number, code: number): void => {
      if (code === 0 || to < t0 || from > t1) return;
      const a = x(Math.max(from, t0));
      const b = x(Math.min(to, t1));
      ctx.fillStyle = stateColor(names, code);
      ctx.fillRect(a, MARGIN.top + n * rowH, Math.max(1, b - a), Math.max(1, rowH - (rowH > 4 ? 1 : 0)));
      segments++;
    };
    for (let i = 0; i < data.nStates; i++) {
      const n = data.stateN[i];
      if (n >= rows) continue;
      const t = data.stateT[i];
      if (t > t1) break;
      fill(n, this.openT[n], t, this.openS[n]);
      this.openT[n] = t;
      this.openS[n] = data.stateTo[i];
    }
    // Open segments end at the present simulated time, not at the window's edge.
    const tEnd = Math.min(t1, data.simTimeS);
    for (let n = 0; n < rows; n++) fill(n, this.openT[n], tEnd, this.openS[n]);
    this.segments = segments;
    timeAxis(ctx, x, MARGIN.top, h - MARGIN.bottom);
    ctx.fillStyle = COLORS.axis;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillText(rows > 1 ? `${rows}` : 'state', MARGIN.left - 6, MARGIN.top + plotH / 2 - (rows > 1 ? 6 : 0));
    if (rows > 1) ctx.fillText('rows', MARGIN.left - 6, MARGIN.top + plotH / 2 + 6);
  }
}
