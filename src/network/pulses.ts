/**
 * Per-pulse tables, a probe kind: for each watched neuron, one row per pulse
 * of the stimulus that covers it (the pulses its waveform declares), like the
 * device's pulses.csv: the pulse (index, start, width, level), a state
 * variable of the neuron at the pulse start (after the rising edge), at its
 * end (before the falling edge) and its largest value seen (start, end and
 * every sample of the probe's interval), and the neuron's spikes during it.
 * A pulse still open at the end of the run is closed there.
 *
 * The network calls, at the watched neuron's edges of the watched stimulus:
 * beforeEdge (neuron brought to t, drive not yet changed) and afterEdge
 * (drive changed); at each of its spikes, spike; at sample ticks, sample.
 */
import { ColumnTable } from '../record/table.ts';
import type { CompiledStimulus } from './stimulus.ts';

/** Columns of the table; the three value columns are named after the probed variable, e.g. i_start_A. */
export function pulseColumns(variable: string): string[] {
  const u = variable.lastIndexOf('_');
  const base = u > 0 ? variable.slice(0, u) : variable;
  const unit = u > 0 ? variable.slice(u) : '';
  return ['index', 't_start_s', 'width_s', 'level', `${base}_start${unit}`, `${base}_end${unit}`, `${base}_peak${unit}`, 'neuron', 'spikes'];
}

export class PulseTables {
  readonly table: ColumnTable;
  /** Per watch: global neuron, stimulus index, state variable index, next pulse, open row, spikes so far. */
  readonly neuron: Int32Array;
  readonly stimulus: Int32Array;
  readonly variable: Int32Array;
  private readonly next: Int32Array;
  private readonly row: Int32Array;
  private readonly spikes: Float64Array;
  private readonly spikes0: Float64Array;
  private readonly stimuli: readonly CompiledStimulus[];

  constructor(variable: string, readonly intervalS: number, watches: ReadonlyArray<{ neuron: number; stimulus: number; variable: number }>, stimuli: readonly CompiledStimulus[]) {
    this.table = new ColumnTable(pulseColumns(variable), 256);
    const n = watches.length;
    this.neuron = Int32Array.from(watches, (w) => w.neuron);
    this.stimulus = Int32Array.from(watches, (w) => w.stimulus);
    this.variable = Int32Array.from(watches, (w) => w.variable);
    this.next = new Int32Array(n);
    this.row = new Int32Array(n).fill(-1);
    this.spikes = new Float64Array(n);
    this.spikes0 = new Float64Array(n);
    this.stimuli = stimuli;
  }

  spike(w: number): void {
    this.spikes[w]++;
  }

  /** Peak update from a value of the watched variable at a sample time. */
  sample(w: number, value: number): void {
    const r = this.row[w];
    if (r >= 0 && value > this.table.get(r, 6)) this.table.set(r, 6, value);
  }

  /** Before the drive changes at t: closes the open pulse if it has ended. */
  beforeEdge(w: number, t: number, value: number): void {
    const r = this.row[w];
    if (r < 0) return;
    const tab = this.table;
    if (t < tab.get(r, 1) + tab.get(r, 2) - 1e-12) return;
    this.close(w, r, value);
  }

  /** After the drive changed at t: opens the next pulse if it starts now. */
  afterEdge(w: number, t: number, value: number): void {
    const st = this.stimuli[this.stimulus[w]];
    const k = this.next[w];
    if (k >= st.pulseStartS.length || st.pulseStartS[k] !== t) return;
    this.next[w] = k + 1;
    const tab = this.table;
    const r = tab.addRow();
    tab.set(r, 0, k);
    tab.set(r, 1, st.pulseStartS[k]);
    tab.set(r, 2, st.pulseWidthS[k]);
    tab.set(r, 3, st.pulseLevel[k]);
    tab.set(r, 4, value);
    tab.set(r, 5, NaN);
    tab.set(r, 6, value);
    tab.set(r, 7, this.neuron[w]);
    tab.set(r, 8, 0);
    this.row[w] = r;
    this.spikes0[w] = this.spikes[w];
  }

  /** At the end of the run (t): closes the pulse of watch w if it has ended by then. */
  finish(w: number, t: number, value: number): void {
    this.beforeEdge(w, t, value);
  }

  isOpen(w: number): boolean {
    return this.row[w] >= 0;
  }

  private close(w: number, r: number, value: number): void {
    const tab = this.table;
    if (value > tab.get(r, 6)) tab.set(r, 6, value);
    tab.set(r, 5, value);
    tab.set(r, 8, this.spikes[w] - this.spikes0[w]);
    this.row[w] = -1;
  }
}
