/**
 * Spike counts kept as the run goes, from spike batches (t_s, neuron): per
 * neuron over the whole run, and per neuron inside each time window (bounds
 * included) its count and first spike time. Memory: neurons x (2 windows + 1)
 * numbers, whatever the number of spikes.
 */
import type { BatchSink } from './types.ts';

export interface TimeWindow {
  readonly fromS: number;
  readonly toS: number;
}

export class SpikeTally implements BatchSink {
  private readonly all: Int32Array;
  private readonly inWindow: Int32Array;
  private readonly firstInWindow: Float64Array;
  private total = 0;

  constructor(
    readonly neurons: number,
    readonly windows: readonly TimeWindow[] = [],
  ) {
    this.all = new Int32Array(neurons);
    this.inWindow = new Int32Array(neurons * windows.length);
    this.firstInWindow = new Float64Array(neurons * windows.length).fill(NaN);
  }

  rows(cols: readonly ArrayLike<number>[], from: number, to: number): void {
    const t = cols[0];
    const g = cols[1];
    const n = this.neurons;
    const w = this.windows;
    for (let r = from; r < to; r++) {
      const k = g[r];
      if (k < 0 || k >= n) throw new Error(`spike tally: neuron ${k} outside 0..${n - 1}`);
      this.all[k]++;
      for (let j = 0; j < w.length; j++) {
        if (t[r] < w[j].fromS || t[r] > w[j].toS) continue;
        if (this.inWindow[j * n + k]++ === 0) this.firstInWindow[j * n + k] = t[r];
      }
    }
    this.total += Math.max(0, to - from);
  }

  get count(): number {
    return this.total;
  }

  /** Spike count per global neuron index in [from, to) (as SpikeRecorder.countsIn). */
  countsIn(from: number, to: number): Int32Array {
    return this.all.slice(from, to);
  }

  /** Spike count per neuron of [from, to) inside window j. */
  countsInWindow(j: number, from: number, to: number): Int32Array {
    return this.inWindow.slice(j * this.neurons + from, j * this.neurons + to);
  }

  /** Time of the first spike of each neuron of [from, to) inside window j (NaN: none). */
  firstInWindowOf(j: number, from: number, to: number): Float64Array {
    return this.firstInWindow.slice(j * this.neurons + from, j * this.neurons + to);
  }

  /** Spikes of neurons [from, to) inside window j. */
  sumInWindow(j: number, from: number, to: number): number {
    let s = 0;
    const o = j * this.neurons;
    for (let k = from; k < to; k++) s += this.inWindow[o + k];
    return s;
  }

  /** Spikes of neurons [from, to) over the run. */
  sum(from: number, to: number): number {
    let s = 0;
    for (let k = from; k < to; k++) s += this.all[k];
    return s;
  }
}
