/**
 * The spikes a raster figure draws, bounded: kept exactly up to `limit`
 * spikes; past it, reduced to one spike per occupied cell of a fixed grid of
 * time bins x neuron rows (rows grouped when there are more than `maxRows`;
 * about a pixel each at the raster's size, and fewer cells than `limit`),
 * at the cell's centre time and first row. The figure then looks the same at
 * its pixel size, but its tick count is the number of occupied cells, not of
 * spikes (`binned` says which). Memory: at most `limit` spikes, or the grid.
 */
import type { BatchSink } from './types.ts';

export class RasterKeep implements BatchSink {
  private t: Float64Array;
  private g: Int32Array;
  private n = 0;
  private cells: Uint8Array | null = null;
  private readonly rowsPerCell: number;
  private readonly cellRows: number;

  constructor(
    readonly neurons: number,
    readonly startS: number,
    readonly endS: number,
    readonly limit = 200_000,
    readonly timeBins = 512,
    readonly maxRows = 256,
  ) {
    this.t = new Float64Array(Math.min(limit, 1024));
    this.g = new Int32Array(this.t.length);
    this.rowsPerCell = Math.max(1, Math.ceil(neurons / maxRows));
    this.cellRows = Math.max(1, Math.ceil(neurons / this.rowsPerCell));
  }

  get binned(): boolean {
    return this.cells !== null;
  }

  rows(cols: readonly ArrayLike<number>[], from: number, to: number): void {
    const t = cols[0];
    const g = cols[1];
    for (let r = from; r < to; r++) {
      if (this.cells === null && this.n === this.limit) this.toCells();
      if (this.cells !== null) this.mark(t[r], g[r]);
      else this.keep(t[r], g[r]);
    }
  }

  /** Spike times and neuron indices to draw (exact, or one per occupied cell when binned). */
  spikes(): { timesS: Float64Array; neurons: Int32Array } {
    if (this.cells === null) return { timesS: this.t.slice(0, this.n), neurons: this.g.slice(0, this.n) };
    const c = this.cells;
    let m = 0;
    for (let k = 0; k < c.length; k++) m += c[k];
    const timesS = new Float64Array(m);
    const neurons = new Int32Array(m);
    const dt = (this.endS - this.startS) / this.timeBins;
    let j = 0;
    for (let b = 0; b < this.timeBins; b++) {
      for (let row = 0; row < this.cellRows; row++) {
        if (c[b * this.cellRows + row] === 0) continue;
        timesS[j] = this.startS + (b + 0.5) * dt;
        neurons[j++] = row * this.rowsPerCell;
      }
    }
    return { timesS, neurons };
  }

  private keep(t: number, g: number): void {
    if (this.n === this.t.length) {
      const cap = Math.min(this.limit, this.n * 2);
      const nt = new Float64Array(cap);
      nt.set(this.t);
      this.t = nt;
      const ng = new Int32Array(cap);
      ng.set(this.g);
      this.g = ng;
    }
    this.t[this.n] = t;
    this.g[this.n++] = g;
  }

  private toCells(): void {
    this.cells = new Uint8Array(this.timeBins * this.cellRows);
    for (let k = 0; k < this.n; k++) this.mark(this.t[k], this.g[k]);
    this.t = new Float64Array(0);
    this.g = new Int32Array(0);
    this.n = 0;
  }

  private mark(t: number, g: number): void {
    if (t < this.startS || t > this.endS || g < 0 || g >= this.neurons) return;
    const span = this.endS - this.startS;
    const b = Math.min(this.timeBins - 1, Math.floor(((t - this.startS) / (span > 0 ? span : 1)) * this.timeBins));
    this.cells![b * this.cellRows + Math.floor(g / this.rowsPerCell)] = 1;
  }
}
