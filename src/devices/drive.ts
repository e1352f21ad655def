/**
 * The one device driver: devices, each driven by its own piecewise-constant
 * waveform on the event kernel (offline runs: driveDevice below; live runs:
 * src/harness/live-device.ts). Stimulus edges (phase "stimulus") switch the
 * bias, sample events (phase "record") read the settled state. Between events
 * each device is brought forward exactly by the model's closed form.
 *
 * DeviceDriver: edge i of device d brings d to the edge at the old bias,
 * calls beforeEdge(d, t), applies the new level, calls afterEdge(d, i, t) and
 * schedules the next edge (edges after untilS are not scheduled).
 *
 * driveDevice:
 * Trace rows: one every sampleIntervalS (t_k = k * sampleIntervalS), and two
 * at every edge (just before, at the old bias, and just after, at the new one),
 * so steps are sharp in plots.
 */
import { Kernel, Phase } from '../kernel/index.ts';
import { ColumnTable } from '../record/table.ts';
import type { Waveform } from '../protocols/waveform.ts';
import type { CompiledDevice } from './types.ts';

export interface DriveOptions {
  /** Interval of the regular trace samples (s); 0 or Infinity: edges only. */
  sampleIntervalS: number;
  /** Initial device state (copied); default: pristine. */
  initialState?: Float64Array;
  /** Called with fraction done now and then. */
  onProgress?: (fraction: number) => void;
  /**
   * Receives the trace in batches of `traceBatchRows` rows as it is recorded
   * (and at the end), each forgotten once handed over: memory stays at one
   * batch and the result's trace is left empty.
   */
  onTraceBatch?: (trace: ColumnTable) => void;
  traceBatchRows?: number;
  /** With onTraceBatch: the batch table to fill (columns of traceColumns), reused from run to run. */
  traceBuffer?: ColumnTable;
}

export interface DriveResult {
  trace: ColumnTable;
  /** Per pulse: index,t_start_s,width_s,v_V,i_start_A,i_end_A,i_peak_A,g_end_S */
  pulses: ColumnTable;
  /** Device state at the end of the waveform. */
  finalState: Float64Array;
  eventsDispatched: number;
}

export const PULSE_COLUMNS = ['index', 't_start_s', 'width_s', 'v_V', 'i_start_A', 'i_end_A', 'i_peak_A', 'g_end_S'] as const;

/** Columns of the trace of driveDevice for this device. */
export function traceColumns(device: CompiledDevice): string[] {
  return ['t_s', 'v_V', 'i_A', 'g_S', ...device.stateLayout.map((s) => s.name)];
}

export type EdgeHook = (d: number, edge: number, tS: number) => void;

export class DeviceDriver {
  readonly kernel: Kernel;
  readonly stride: number;
  /** Device states, stride values per device. */
  readonly state: Float64Array;
  /** Present bias (V) and time of the stored state (s) of each device. */
  readonly volts: Float64Array;
  readonly lastT: Float64Array;
  beforeEdge: EdgeHook | null = null;
  afterEdge: EdgeHook | null = null;
  private readonly edges: readonly Float64Array[];
  private readonly levels: readonly Float64Array[];
  private readonly kEdge: number;

  constructor(
    readonly device: CompiledDevice,
    waveforms: readonly Waveform[],
    readonly untilS: number,
    opts: { kernel?: Kernel; initialState?: Float64Array; startS?: number } = {},
  ) {
    const n = waveforms.length;
    this.kernel = opts.kernel ?? new Kernel();
    this.stride = device.stride;
    this.state = new Float64Array(n * this.stride);
    this.volts = new Float64Array(n);
    this.lastT = new Float64Array(n).fill(opts.startS ?? 0);
    this.edges = waveforms.map((w) => w.edgeTimesS);
    this.levels = waveforms.map((w) => w.levelsV);
    for (let d = 0; d < n; d++) {
      if (opts.initialState) this.state.set(opts.initialState, d * this.stride);
      else device.init(this.state, d * this.stride);
    }
    this.kEdge = this.kernel.registerKind('device-edge', Phase.stimulus, (d, i, t) => this.onEdge(d, i, t));
    for (let d = 0; d < n; d++) {
      // Before its first edge a waveform holds 0 V.
      if (this.edges[d].length > 0 && this.edges[d][0] <= untilS) this.kernel.schedule(this.edges[d][0], this.kEdge, d, 0);
    }
  }

  /** Brings device d forward to tS at its present bias (exact). */
  advanceTo(d: number, tS: number): void {
    const span = tS - this.lastT[d];
    if (span > 0) {
      this.device.advance(this.state, d * this.stride, this.volts[d], span);
      this.lastT[d] = tS;
    }
  }

  /** Device current (A) of d at its present bias and stored state. */
  current(d: number): number {
    return this.device.current(this.state, d * this.stride, this.volts[d]);
  }

  conductance(d: number): number {
    return this.device.conductance(this.state, d * this.stride);
  }

  private onEdge(d: number, i: number, t: number): void {
    this.advanceTo(d, t);
    if (this.beforeEdge !== null) this.beforeEdge(d, i, t);
    this.volts[d] = this.levels[d][i];
    if (this.afterEdge !== null) this.afterEdge(d, i, t);
    const e = this.edges[d];
    if (i + 1 < e.length && e[i + 1] <= this.untilS) this.kernel.schedule(e[i + 1], this.kEdge, d, i + 1);
  }
}

export function driveDevice(device: CompiledDevice, wave: Waveform, opts: DriveOptions): DriveResult {
  const t0 = wave.edgeTimesS[0];
  const kernel = new Kernel();
  kernel.now = t0;
  const drv = new DeviceDriver(device, [wave], Infinity, { kernel, initialState: opts.initialState, startS: t0 });
  const state = drv.state;
  const onBatch = opts.onTraceBatch ?? null;
  const batchRows = onBatch ? Math.max(1, opts.traceBatchRows ?? 8192) : 0;
  const trace = onBatch && opts.traceBuffer ? opts.traceBuffer : new ColumnTable(traceColumns(device), onBatch ? batchRows : 1024);
  trace.clear();
  const pulses = new ColumnTable([...PULSE_COLUMNS], Math.max(1, wave.pulses.length));
  let pulseRow = -1;
  let pulseEnd = -1;

  const record = (t: number): void => {
    const r = trace.addRow();
    const vNow = drv.volts[0];
    trace.set(r, 0, t);
    trace.set(r, 1, vNow);
    trace.set(r, 2, device.current(state, 0, vNow));
    trace.set(r, 3, device.conductance(state, 0));
    for (let k = 0; k < device.stride; k++) trace.set(r, 4 + k, state[k]);
    if (pulseRow >= 0 && t <= pulseEnd) {
      const i = device.current(state, 0, vNow);
      if (i > pulses.get(pulseRow, 6)) pulses.set(pulseRow, 6, i);
    }
    if (r + 1 === batchRows) {
      onBatch!(trace);
      trace.clear();
    }
  };

  const closePulse = (): void => {
    const iEnd = drv.current(0);
    pulses.set(pulseRow, 5, iEnd);
    if (iEnd > pulses.get(pulseRow, 6)) pulses.set(pulseRow, 6, iEnd);
    pulses.set(pulseRow, 7, device.conductance(state, 0));
    pulseRow = -1;
  };

  let nextPulse = 0;
  drv.beforeEdge = (_d, _edge, t) => {
    // Close the pulse that ends here before the level changes.
    if (pulseRow >= 0 && t >= pulseEnd) closePulse();
    record(t);
  };
  drv.afterEdge = (_d, _edge, t) => {
    const p = wave.pulses[nextPulse];
    if (p !== undefined && p.tStartS === t) {
      pulseRow = pulses.addRow();
      pulseEnd = p.tStartS + p.widthS;
      const i0 = drv.current(0);
      pulses.set(pulseRow, 0, p.index);
      pulses.set(pulseRow, 1, p.tStartS);
      pulses.set(pulseRow, 2, p.widthS);
      pulses.set(pulseRow, 3, p.vV);
      pulses.set(pulseRow, 4, i0);
      pulses.set(pulseRow, 6, i0);
      nextPulse++;
    }
    record(t);
  };

  const dtSample = opts.sampleIntervalS;
  const sampling = dtSample > 0 && Number.isFinite(dtSample);
  const sampleKind = kernel.registerKind('sample', Phase.record, (k, _p, t) => {
    drv.advanceTo(0, t);
    record(t);
    const next = t0 + (k + 1) * dtSample;
    if (next < wave.endS) kernel.schedule(next, sampleKind, k + 1);
  });
  const endKind = kernel.registerKind('end', Phase.control, (_k, _p, t) => {
    drv.advanceTo(0, t);
    if (pulseRow >= 0) closePulse();
    record(t);
  });

  if (sampling) kernel.schedule(t0 + dtSample, sampleKind, 1);
  kernel.schedule(wave.endS, endKind, 0);
  if (opts.onProgress) {
    const span = wave.endS - t0;
    const slice = span / 20;
    for (let s = 1; s <= 20; s++) {
      kernel.run(t0 + s * slice);
      opts.onProgress(s / 20);
    }
  }
  kernel.run(Infinity);
  if (onBatch && trace.rows > 0) {
    onBatch(trace);
    trace.clear();
  }
  return { trace, pulses, finalState: state.slice(), eventsDispatched: kernel.eventsDispatched };
}
