/**
 * The recorder sink: spike raster (times and global neuron indices in typed
 * arrays), probe samples and state changes as column tables.
 *
 * In memory (the default) everything is kept, growing by doubling, for
 * callers that need the arrays. A channel given batch sinks (`streams`) is
 * not kept: its rows fill a fixed buffer of `batchRows` rows that is handed
 * over, as flat typed-array columns, each time it fills and at flush(), so
 * memory does not grow with the run. Either way appending allocates nothing
 * per event.
 */
import { ColumnTable } from '../record/table.ts';
import type { BatchSink, LiveSink } from '../sinks/types.ts';

export interface RecorderStreams {
  /** Receivers of spike batches: columns t_s, neuron. */
  readonly spikes?: readonly BatchSink[];
  /** Receivers of probe-sample batches: t_s, probe, value. */
  readonly samples?: readonly BatchSink[];
  /** Receivers of state-change batches: t_s, neuron, from, to. */
  readonly states?: readonly BatchSink[];
  /** Rows per batch (default 8192). */
  readonly batchRows?: number;
}

export const SPIKE_COLUMNS = ['t_s', 'neuron'] as const;
export const SAMPLE_COLUMNS = ['t_s', 'probe', 'value'] as const;
export const STATE_COLUMNS = ['t_s', 'neuron', 'from', 'to'] as const;

export class SpikeRecorder implements LiveSink {
  private t: Float64Array;
  private idx: Int32Array;
  private n = 0;
  private total = 0;
  private readonly spikeSinks: readonly BatchSink[] | null;
  private readonly sampleSinks: readonly BatchSink[] | null;
  private readonly stateSinks: readonly BatchSink[] | null;
  private readonly batch: number;
  private readonly sampleTable: ColumnTable;
  private readonly stateTable: ColumnTable;

  /** `next`: forward everything to another sink as well (e.g. a live viewer). */
  constructor(
    private readonly next: LiveSink | null = null,
    streams: RecorderStreams = {},
  ) {
    this.batch = Math.max(1, streams.batchRows ?? 8192);
    this.spikeSinks = streams.spikes && streams.spikes.length > 0 ? streams.spikes : null;
    this.sampleSinks = streams.samples && streams.samples.length > 0 ? streams.samples : null;
    this.stateSinks = streams.states && streams.states.length > 0 ? streams.states : null;
    const spikeCap = this.spikeSinks ? this.batch : 1024;
    this.t = new Float64Array(spikeCap);
    this.idx = new Int32Array(spikeCap);
    this.sampleTable = new ColumnTable(SAMPLE_COLUMNS, this.sampleSinks ? this.batch : 1024);
    this.stateTable = new ColumnTable(STATE_COLUMNS, this.stateSinks ? this.batch : 64);
  }

  spike(tS: number, neuron: number): void {
    if (this.n === this.t.length) {
      if (this.spikeSinks) this.flushSpikes();
      else this.growSpikes();
    }
    this.t[this.n] = tS;
    this.idx[this.n++] = neuron;
    this.total++;
    if (this.next) this.next.spike(tS, neuron);
  }

  sample(tS: number, probe: number, value: number): void {
    const tab = this.sampleTable;
    const r = tab.addRow();
    tab.set(r, 0, tS);
    tab.set(r, 1, probe);
    tab.set(r, 2, value);
    if (this.sampleSinks && tab.rows === this.batch) hand(tab, this.sampleSinks);
    if (this.next) this.next.sample(tS, probe, value);
  }

  stateChange(tS: number, neuron: number, from: number, to: number): void {
    const tab = this.stateTable;
    const r = tab.addRow();
    tab.set(r, 0, tS);
    tab.set(r, 1, neuron);
    tab.set(r, 2, from);
    tab.set(r, 3, to);
    if (this.stateSinks && tab.rows === this.batch) hand(tab, this.stateSinks);
    if (this.next) this.next.stateChange(tS, neuron, from, to);
  }

  /** Hands the partial batches of streamed channels over (call when the run ends, before finishing the files). */
  flush(): void {
    if (this.spikeSinks && this.n > 0) this.flushSpikes();
    if (this.sampleSinks) hand(this.sampleTable, this.sampleSinks);
    if (this.stateSinks) hand(this.stateTable, this.stateSinks);
  }

  /** Spikes recorded (streamed or kept). */
  get count(): number {
    return this.total;
  }

  /** Spike times (s), in emission order (ascending). */
  get times(): Float64Array {
    this.kept(this.spikeSinks, 'spikes');
    return this.t.subarray(0, this.n);
  }

  /** Global neuron index of each spike. */
  get neurons(): Int32Array {
    this.kept(this.spikeSinks, 'spikes');
    return this.idx.subarray(0, this.n);
  }

  /** Probe samples (t_s, probe channel, value). */
  get samples(): ColumnTable {
    this.kept(this.sampleSinks, 'probe samples');
    return this.sampleTable;
  }

  /** State changes (t_s, neuron, from, to). */
  get stateChanges(): ColumnTable {
    this.kept(this.stateSinks, 'state changes');
    return this.stateTable;
  }

  /** Spike count per global neuron index in [from, to). */
  countsIn(from: number, to: number): Int32Array {
    const idx = this.neurons;
    const c = new Int32Array(to - from);
    for (let k = 0; k < idx.length; k++) {
      const g = idx[k];
      if (g >= from && g < to) c[g - from]++;
    }
    return c;
  }

  /** Spike times of one global neuron. */
  trainOf(neuron: number): Float64Array {
    const idx = this.neurons;
    const out: number[] = [];
    for (let k = 0; k < idx.length; k++) if (idx[k] === neuron) out.push(this.t[k]);
    return Float64Array.from(out);
  }

  /** Samples of one probe channel as [times, values]. */
  probe(channel: number): [Float64Array, Float64Array] {
    const s = this.samples;
    const t: number[] = [];
    const v: number[] = [];
    for (let r = 0; r < s.rows; r++) {
      if (s.get(r, 1) === channel) {
        t.push(s.get(r, 0));
        v.push(s.get(r, 2));
      }
    }
    return [Float64Array.from(t), Float64Array.from(v)];
  }

  /** The raster as a table (t_s, neuron) for CSV writing. */
  spikesTable(): ColumnTable {
    const idx = this.neurons;
    const tab = new ColumnTable(SPIKE_COLUMNS, Math.max(1, this.n));
    for (let k = 0; k < idx.length; k++) {
      const r = tab.addRow();
      tab.set(r, 0, this.t[k]);
      tab.set(r, 1, idx[k]);
    }
    return tab;
  }

  private growSpikes(): void {
    const t = new Float64Array(this.n * 2);
    t.set(this.t);
    this.t = t;
    const i = new Int32Array(this.n * 2);
    i.set(this.idx);
    this.idx = i;
  }

  private flushSpikes(): void {
    const cols = [this.t, this.idx];
    for (const s of this.spikeSinks!) s.rows(cols, 0, this.n);
    this.n = 0;
  }

  private kept(sinks: readonly BatchSink[] | null, what: string): void {
    if (sinks) throw new Error(`recorder: ${what} are streamed to their sinks, not kept in memory`);
  }
}

function hand(tab: ColumnTable, sinks: readonly BatchSink[]): void {
  if (tab.rows === 0) return;
  const cols = tab.rawColumns();
  for (const s of sinks) s.rows(cols, 0, tab.rows);
  tab.clear();
}
