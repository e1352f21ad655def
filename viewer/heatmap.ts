/**
 * Live sensitisation map for receptor grids (neuron = y * width + x): each
 * cell takes its state's colour (normal / allodynia / hyperalgesia, as in
 * the legend) and glows with its recent firing (spike counts decaying with a
 * 0.5 s wall time constant). For a circuit run the map shows its first
 * grid population (global index = offset + y * width + x) and rings the
 * spots of the stimulations active now.
 */
import { COLORS, d3, fitCanvas, stateColor } from './canvas.ts';
import type { RunData } from './data.ts';

const ACTIVITY_TAU_S = 0.5;

export class HeatMapView {
  private activity = new Float32Array(0);
  private lastWallMs = 0;
  private cell = 0;
  private ox = 0;
  private oy = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Global index of the map's receptor 0. */
  private offset(data: RunData): number {
    return data.run?.interaction?.grids[0]?.offset ?? 0;
  }

  draw(data: RunData, nowMs: number, spots: ReadonlyArray<{ cx: number; cy: number; r: number; kind: string }> = []): void {
    const grid = data.run?.interaction?.grids[0] ?? data.run?.grid;
    const { ctx, w, h } = fitCanvas(this.canvas);
    ctx.fillStyle = COLORS.bg;
    ctx.fillRect(0, 0, w, h);
    if (!grid) return;
    const n = grid.width * grid.height;
    const off = this.offset(data);
    if (this.activity.length !== n) this.activity = new Float32Array(n);
    const decay = Math.exp(-Math.max(0, nowMs - this.lastWallMs) / 1000 / ACTIVITY_TAU_S);
    this.lastWallMs = nowMs;
    let peak = 1;
    for (let i = 0; i < n; i++) {
      this.activity[i] = this.activity[i] * decay + (data.recentSpikes[off + i] ?? 0);
      if (this.activity[i] > peak) peak = this.activity[i];
    }
    data.recentSpikes.fill(0);
    const names = data.run?.stateNames ?? [];
    // Cell colour: its state's colour (as in the legend), brightened by recent firing.
    const base = names.map((_, k) => d3.color(stateColor(names, k))!);
    const dim = d3.color(stateColor(names, 0))!;
    const cell = Math.floor(Math.min(w / grid.width, h / grid.height));
    this.cell = cell;
    this.ox = Math.floor((w - cell * grid.width) / 2);
    this.oy = Math.floor((h - cell * grid.height) / 2);
    const gap = cell > 6 ? 1 : 0;
    for (let y = 0; y < grid.height; y++) {
      for (let x = 0; x < grid.width; x++) {
        const i = y * grid.width + x;
        const glow = this.activity[i] / peak;
        const c = base[data.current[off + i] ?? 0] ?? dim;
        ctx.fillStyle = c.brighter(glow).formatRgb();
        ctx.fillRect(this.ox + x * cell, this.oy + y * cell, cell - gap, cell - gap);
      }
    }
    ctx.lineWidth = 2;
    for (const s of spots) {
      ctx.strokeStyle = s.kind === 'noxious' ? '#ff6b6b' : '#7cc4ff';
      ctx.beginPath();
      ctx.arc(this.ox + (s.cx + 0.5) * cell, this.oy + (s.cy + 0.5) * cell, Math.max(cell / 3, (s.r + 0.5) * cell), 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  /** Centre of cell (x, y) in canvas CSS pixels (the end-to-end test clicks there). */
  cellCentre(x: number, y: number): [number, number] {
    return [this.ox + (x + 0.5) * this.cell, this.oy + (y + 0.5) * this.cell];
  }

  /** Grid cell under a point, or null. */
  at(px: number, py: number, data: RunData): { x: number; y: number; neuron: number } | null {
    const grid = data.run?.interaction?.grids[0] ?? data.run?.grid;
    if (!grid || this.cell === 0) return null;
    const x = Math.floor((px - this.ox) / this.cell);
    const y = Math.floor((py - this.oy) / this.cell);
    if (x < 0 || y < 0 || x >= grid.width || y >= grid.height) return null;
    return { x, y, neuron: this.offset(data) + y * grid.width + x };
  }
}
