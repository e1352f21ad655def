/**
 * A device driven by a piecewise-constant waveform on the event kernel:
 * stimulus edges (phase "stimulus") switch the bias, sample events (phase
 * "record") read the settled state. Between events the device is brought
 * forward exactly by the model's closed form.
 *
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

export function driveDevice(device: CompiledDevice, wave: Waveform, opts: DriveOptions): DriveResult {
  const kernel = new Kernel();
  const state = new Float64Array(device.stride);
  if (opts.initialState) state.set(opts.initialState);
  else device.init(state, 0);
  const stateNames = device.stateLayout.map((s) => s.name);
  const trace = new ColumnTable(['t_s', 'v_V', 'i_A', 'g_S', ...stateNames]);
  const pulses = new ColumnTable([...PULSE_COLUMNS], Math.max(1, wave.pulses.length));
  let vNow = 0;
  let tState = wave.edgeTimesS[0];
  let pulseRow = -1;
  let pulseEnd = -1;

  const bringForward = (t: number): void => {
    device.advance(state, 0, vNow, t - tState);
    tState = t;
  };
  const record = (t: number): void => {
    const r = trace.addRow();
    trace.set(r, 0, t);
    trace.set(r, 1, vNow);
    trace.set(r, 2, device.current(state, 0, vNow));
    trace.set(r, 3, device.conductance(state, 0));
    for (let k = 0; k < device.stride; k++) trace.set(r, 4 + k, state[k]);
    if (pulseRow >= 0 && t <= pulseEnd) {
      const i = device.current(state, 0, vNow);
      if (i > pulses.get(pulseRow, 6)) pulses.set(pulseRow, 6, i);
    }
  };

  const closePulse = (): void => {
    const iEnd = device.current(state, 0, vNow);
    pulses.set(pulseRow, 5, iEnd);
    if (iEnd > pulses.get(pulseRow, 6)) pulses.set(pulseRow, 6, iEnd);
    pulses.set(pulseRow, 7, device.conductance(state, 0));
    pulseRow = -1;
  };

  let nextPulse = 0;
  const edgeKind = kernel.registerKind('edge', Phase.stimulus, (edge, _p, t) => {
    bringForward(t);
    // Close the pulse that ends here before the level changes.
    if (pulseRow >= 0 && t >= pulseEnd) closePulse();
    record(t);
    vNow = wave.levelsV[edge];
    const p = wave.pulses[nextPulse];
    if (p !== undefined && p.tStartS === t) {
      pulseRow = pulses.addRow();
      pulseEnd = p.tStartS + p.widthS;
      const i0 = device.current(state, 0, vNow);
      pulses.set(pulseRow, 0, p.index);
      pulses.set(pulseRow, 1, p.tStartS);
      pulses.set(pulseRow, 2, p.widthS);
      pulses.set(pulseRow, 3, p.vV);
      pulses.set(pulseRow, 4, i0);
      pulses.set(pulseRow, 6, i0);
      nextPulse++;
    }
    record(t);
    if (edge + 1 < wave.edgeTimesS.length) kernel.schedule(wave.edgeTimesS[edge + 1], edgeKind, edge + 1);
  });

  const t0 = wave.edgeTimesS[0];
  const dtSample = opts.sampleIntervalS;
  const sampling = dtSample > 0 && Number.isFinite(dtSample);
  const sampleKind = kernel.registerKind('sample', Phase.record, (k, _p, t) => {
    bringForward(t);
    record(t);
    const next = t0 + (k + 1) * dtSample;
    if (next < wave.endS) kernel.schedule(next, sampleKind, k + 1);
  });
  const endKind = kernel.registerKind('end', Phase.control, (_k, _p, t) => {
    bringForward(t);
    if (pulseRow >= 0) closePulse();
    record(t);
  });

  kernel.now = t0;
  kernel.schedule(t0, edgeKind, 0);
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
  return { trace, pulses, finalState: state.slice(), eventsDispatched: kernel.eventsDispatched };
}
