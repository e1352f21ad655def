/**
 * Device-native STDP: no rule computes a weight change. Each spike makes its
 * neuron drive its terminal of every attached memristor with a voltage
 * waveform (spike-waveform.ts), and the device sees
 *   V(t) = V_pre(t - t_pre) - V_post(t - t_post)
 * (t_pre, t_post: latest spike of each side; a new spike restarts its
 * neuron's waveform). Both waveforms are piecewise constant, so the device is
 * brought forward exactly with compileDevice(...).advance() on each constant
 * piece of the difference. Potentiation or depression, and the learning
 * window, come out of the device's rates: when the waveforms overlap the
 * voltage can exceed what either spike applies alone, and the device's rates
 * rise steeply with voltage. Between waveforms the device sits at 0 V and
 * relaxes (its volatile components decay).
 *
 * Each synapse is brought forward lazily: when its presynaptic or
 * postsynaptic neuron spikes, or when its conductance is read.
 */
import type { CompiledDevice } from '../devices/types.ts';
import { csrIndex, type Connectivity } from './engine.ts';
import type { SpikeWaveform } from './spike-waveform.ts';

/** Index of the piece of wf holding at absolute time t for a spike at tSpike (-1: outside). */
function pieceAt(wf: SpikeWaveform, tSpike: number, t: number): number {
  const e = wf.edgesS;
  const n = wf.levelsV.length;
  if (!(t >= tSpike + e[0]) || t >= tSpike + e[n]) return -1;
  let k = 0;
  while (k + 1 < n && tSpike + e[k + 1] <= t) k++;
  return k;
}

/** Absolute time of the next change of wf after t (Infinity if none). */
function nextChange(wf: SpikeWaveform, tSpike: number, k: number, t: number): number {
  if (k >= 0) return tSpike + wf.edgesS[k + 1];
  return t < tSpike ? tSpike : Infinity;
}

export class DeviceNativeStdp {
  readonly state: Float64Array;
  private readonly d: CompiledDevice;
  private readonly stride: number;
  private readonly tDev: Float64Array;
  private readonly tPre: Float64Array;
  private readonly tPost: Float64Array;
  private readonly out: { start: Int32Array; idx: Int32Array };
  private readonly inc: { start: Int32Array; idx: Int32Array };

  constructor(
    device: CompiledDevice,
    readonly conn: Connectivity,
    readonly preWave: SpikeWaveform,
    readonly postWave: SpikeWaveform,
    /** State every device starts from (default: pristine). */
    readonly initialState?: Float64Array,
  ) {
    this.d = device;
    this.stride = device.stride;
    const n = conn.preOf.length;
    this.state = new Float64Array(n * this.stride);
    this.tDev = new Float64Array(n);
    this.tPre = new Float64Array(conn.nPre);
    this.tPost = new Float64Array(conn.nPost);
    this.out = csrIndex(conn.nPre, conn.preOf, 'presynaptic');
    this.inc = csrIndex(conn.nPost, conn.postOf, 'postsynaptic');
    if (initialState && initialState.length !== this.stride) {
      throw new Error(`device-native STDP: initialState has ${initialState.length} values, the device needs ${this.stride}`);
    }
    this.reset();
  }

  reset(): void {
    for (let s = 0; s < this.tDev.length; s++) {
      if (this.initialState) this.state.set(this.initialState, s * this.stride);
      else this.d.init(this.state, s * this.stride);
    }
    this.tDev.fill(0);
    this.tPre.fill(-Infinity);
    this.tPost.fill(-Infinity);
  }

  /** Brings synapse s forward to tS through every constant piece of V_pre - V_post. */
  bring(s: number, tS: number): void {
    let t = this.tDev[s];
    if (!(tS > t)) return;
    const tp = this.tPre[this.conn.preOf[s]];
    const tq = this.tPost[this.conn.postOf[s]];
    const off = s * this.stride;
    const pw = this.preWave;
    const qw = this.postWave;
    while (t < tS) {
      const kp = pieceAt(pw, tp, t);
      const kq = pieceAt(qw, tq, t);
      const v = (kp >= 0 ? pw.levelsV[kp] : 0) - (kq >= 0 ? qw.levelsV[kq] : 0);
      let next = nextChange(pw, tp, kp, t);
      const nq = nextChange(qw, tq, kq, t);
      if (nq < next) next = nq;
      if (next > tS) next = tS;
      this.d.advance(this.state, off, v, next - t);
      t = next;
    }
    this.tDev[s] = tS;
  }

  preSpike(j: number, tS: number): void {
    const { start, idx } = this.out;
    for (let k = start[j]; k < start[j + 1]; k++) this.bring(idx[k], tS);
    this.tPre[j] = tS;
  }

  postSpike(i: number, tS: number): void {
    const { start, idx } = this.inc;
    for (let k = start[i]; k < start[i + 1]; k++) this.bring(idx[k], tS);
    this.tPost[i] = tS;
  }

  conductance(s: number, tS: number): number {
    this.bring(s, tS);
    return this.d.conductance(this.state, s * this.stride);
  }
}
