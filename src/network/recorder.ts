/**
 * In-memory sink: spike raster (times and global neuron indices in growing
 * typed arrays), probe samples and state changes as column tables. Appending
 * allocates nothing until an array doubles.
 */
import { ColumnTable } from '../record/table.ts';
import type { LiveSink } from '../sinks/types.ts';

export class SpikeRecorder implements LiveSink {
  private t = new Float64Array(1024);
  private idx = new Int32Array(1024);
  private n = 0;
  readonly samples = new ColumnTable(['t_s', 'probe', 'value']);
  readonly stateChanges = new ColumnTable(['t_s', 'neuron', 'from', 'to'], 64);
  /** Forward everything to another sink as well (e.g. a live viewer). */
  constructor(private readonly next: LiveSink | null = null) {}

  spike(tS: number, neuron: number): void {
    if (this.n === this.t.length) {
      const t = new Float64Array(this.n * 2);
      t.set(this.t);
      this.t = t;
      const i = new Int32Array(this.n * 2);
      i.set(this.idx);
      this.idx = i;
    }
    this.t[this.n] = tS;
    this.idx[this.n++] = neuron;
    if (this.next) this.next.spike(tS, neuron);
  }

  sample(tS: number, probe: number, value: number): void {
    const r = this.samples.addRow();
    this.samples.set(r, 0, tS);
    this.samples.set(r, 1, probe);
    this.samples.set(r, 2, value);
    if (this.next) this.next.sample(tS, probe, value);
  }

  stateChange(tS: number, neuron: number, from: number, to: number): void {
    const r = this.stateChanges.addRow();
    this.stateChanges.set(r, 0, tS);
    this.stateChanges.set(r, 1, neuron);
    this.stateChanges.set(r, 2, from);
    this.stateChanges.set(r, 3, to);
    if (this.next) this.next.stateChange(tS, neuron, from, to);
  }

  get count(): number {
    return this.n;
  }

  /** Spike times (s), in emission order (ascending). */
  get times(): Float64Array {
    return this.t.subarray(0, this.n);
  }

  /** Global neuron index of each spike. */
  get neurons(): Int32Array {
    return this.idx.subarray(0, this.n);
  }

  /** Spike count per global neuron index in [from, to). */
  countsIn(from: number, to: number): Int32Array {
    const c = new Int32Array(to - from);
    for (let k = 0; k < this.n; k++) {
      const g = this.idx[k];
      if (g >= from && g < to) c[g - from]++;
    }
    return c;
  }

  /** Spike times of one global neuron. */
  trainOf(neuron: number): Float64Array {
    const out: number[] = [];
    for (let k = 0; k < this.n; k++) if (this.idx[k] === neuron) out.push(this.t[k]);
    return Float64Array.from(out);
  }

  /** Samples of one probe channel as [times, values]. */
  probe(channel: number): [Float64Array, Float64Array] {
    const t: number[] = [];
    const v: number[] = [];
    for (let r = 0; r < this.samples.rows; r++) {
      if (this.samples.get(r, 1) === channel) {
        t.push(this.samples.get(r, 0));
        v.push(this.samples.get(r, 2));
      }
    }
    return [Float64Array.from(t), Float64Array.from(v)];
  }

  /** The raster as a table (t_s, neuron) for CSV writing. */
  spikesTable(): ColumnTable {
    const tab = new ColumnTable(['t_s', 'neuron'], Math.max(1, this.n));
    for (let k = 0; k < this.n; k++) {
      const r = tab.addRow();
      tab.set(r, 0, this.t[k]);
      tab.set(r, 1, this.idx[k]);
    }
    return tab;
  }
}
