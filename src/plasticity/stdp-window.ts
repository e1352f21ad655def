/**
 * The learning window of device-native STDP, measured on the device model:
 * one synapse in a reference state, one presynaptic and one postsynaptic
 * spike dt apart (dt = t_post - t_pre, from -100 ms to +100 ms), and the
 * change of conductance
 *   - immediate: right after both waveforms have ended,
 *   - lasting:   after a rest of settleS at 0 V, minus the drift of an
 *                unstimulated device over the same time (volatile parts gone),
 * together with what each spike does alone. Nothing is tabulated: the window
 * is recomputed from the present device preset every time.
 */
import type { CompiledDevice } from '../devices/types.ts';
import { ColumnTable } from '../record/table.ts';
import { DeviceNativeStdp } from './device-stdp.ts';
import { allToAll } from './engine.ts';
import { spikeWaveform, type SpikeWaveformSpec } from './spike-waveform.ts';
import { DEFAULT_DEVICE } from '../devices/registry.ts';

/**
 * Default spike: -3 V for 10 ms, then an exponential +2 V tail (tau 20 ms)
 * over 100 ms. With V = V_pre - V_post, a postsynaptic spike riding on the
 * presynaptic tail puts up to +5 V across the device (potentiation), the
 * reverse order up to -5 V (depression). Chosen on the mose2 preset among
 * pulse 2-4 V, 5-10 ms, tail 1-3 V for a clear window of both signs.
 */
export const DEFAULT_SPIKE_WAVEFORM: SpikeWaveformSpec = {
  pulseV: -3,
  pulseWidthS: 0.01,
  tailV: 2,
  tailDurationS: 0.1,
  tailShape: 'exp',
  tailTauS: 0.02,
  pieces: 20,
};

export interface StdpWindowOptions {
  readonly device: CompiledDevice;
  /** Device state before the pair (e.g. programmed to mid-range). */
  readonly initialState: Float64Array;
  readonly preWave?: SpikeWaveformSpec;
  readonly postWave?: SpikeWaveformSpec;
  /** Largest |dt| (s) and step (s). */
  readonly maxDtS?: number;
  readonly stepS?: number;
  readonly settleS?: number;
}

export interface StdpWindow {
  /** dt_s, dg_immediate_S, dg_lasting_S */
  readonly table: ColumnTable;
  /** Lasting change of a presynaptic / postsynaptic spike alone (S). */
  readonly preAloneS: number;
  readonly postAloneS: number;
  /** Lasting change at the largest |dt| on each side: the pair no longer interacts there. */
  readonly peakPotentiationS: number;
  readonly peakDepressionS: number;
}

export function computeStdpWindow(opts: StdpWindowOptions): StdpWindow {
  const pre = spikeWaveform(opts.preWave ?? DEFAULT_SPIKE_WAVEFORM, 'presynaptic spike waveform');
  const post = spikeWaveform(opts.postWave ?? DEFAULT_SPIKE_WAVEFORM, 'postsynaptic spike waveform');
  const maxDt = opts.maxDtS ?? 0.1;
  const step = opts.stepS ?? 0.002;
  const settle = opts.settleS ?? 10;
  const syn = new DeviceNativeStdp(opts.device, allToAll(1, 1), pre, post, opts.initialState);
  const t0 = 0.2;
  const span = maxDt + Math.max(pre.durationS, post.durationS);
  // Unstimulated reference: the drift of the device itself over the same time.
  syn.reset();
  const gStart = syn.conductance(0, 0);
  const gDriftEnd = syn.conductance(0, t0 + span) - gStart;
  const gDriftSettled = syn.conductance(0, t0 + span + settle) - gStart;
  const measure = (tPre: number, tPost: number): [number, number] => {
    syn.reset();
    const first = Math.min(tPre, tPost);
    if (Number.isFinite(tPre) && tPre === first) syn.preSpike(0, tPre);
    if (Number.isFinite(tPost)) syn.postSpike(0, tPost);
    if (Number.isFinite(tPre) && tPre !== first) syn.preSpike(0, tPre);
    const gEnd = syn.conductance(0, t0 + span) - gStart - gDriftEnd;
    const gSettled = syn.conductance(0, t0 + span + settle) - gStart - gDriftSettled;
    return [gEnd, gSettled];
  };
  const table = new ColumnTable(['dt_s', 'dg_immediate_S', 'dg_lasting_S']);
  const n = Math.round(maxDt / step);
  for (let k = -n; k <= n; k++) {
    const dt = k * step;
    const [imm, last] = dt >= 0 ? measure(t0, t0 + dt) : measure(t0 - dt, t0);
    const r = table.addRow();
    table.set(r, 0, dt);
    table.set(r, 1, imm);
    table.set(r, 2, last);
  }
  const preAloneS = measure(t0, Infinity)[1];
  const postAloneS = measure(Infinity, t0)[1];
  const lasting = table.column('dg_lasting_S');
  return {
    table,
    preAloneS,
    postAloneS,
    peakPotentiationS: Math.max(...lasting),
    peakDepressionS: Math.min(...lasting),
  };
}
