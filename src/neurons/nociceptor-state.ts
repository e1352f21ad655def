/**
 * Sensitisation state of each nociceptor: an explicit, observable state
 * machine over the receptor memristor's present state (spec, "Nociceptor
 * behaviour"; Duan et al., Fig. 5d,e).
 *
 * Two conditions are evaluated on the device as it is now, without moving it
 * (each on a copy of the present state):
 *   A (allodynia):    Q >= I_nox, with Q the larger of the device currents
 *                     at the start and at the end of an innocuous reference
 *                     pulse (V_innocuous = 2 V for 0.5 s, the E11 pulse):
 *                     a gentle touch now would be felt as pain. Using a whole
 *                     pulse, not the bare current at 2 V, keeps the state from
 *                     flickering in the gaps of a pulse train, where only the
 *                     fast volatile component has relaxed.
 *   H (hyperalgesia): S >= (1 + margin) S0, with S the noxious spike
 *                     response: the phase the nociceptor accumulates over a
 *                     brief noxious reference pulse (V_noxious = 7 V, the E12
 *                     amplitude, for W_ref = 50 ms) from its present device
 *                     state, i.e. its spike count over the pulse before
 *                     rounding down (the count from phase 0 is floor(S));
 *                     S0 the same for a pristine device; margin = 50 %.
 * Why spikes over a brief reference: hyperalgesia is a stronger response in
 * spikes (spec, "Nociceptor behaviour"). At 7 V the device's volatile
 * components form within milliseconds while the sensitisation component
 * fills over a few hundred, so a pristine device reaches the current an
 * injured one starts from only late in a long pulse: a long test pulse hides
 * injury (over 0.5 s the injured nociceptor fires only 22-34 % more), a brief
 * one shows it. The firing law is graded across the noxious range
 * (I_half = 10 uA, above the currents a 7 V pulse reaches), so the larger
 * current becomes more spikes.
 * Measured with the five-component preset and the default law (W_ref chosen
 * among 10, 20, 30, 50 and 100 ms: 50 ms is the widest whose touch-vs-injury
 * gap stays wide, and gives 5 pristine spikes, enough to resolve the count):
 *   pristine: 5 spikes (S0 = 5.98), peak rate 124 Hz, first spike at 9 ms;
 *   after the E13 injuries (0.5-2 s at 7 V) and the 5 s rest: 9-10 spikes
 *     (S +58 to +80 %), peak rate 190-216 Hz (+53 to +73 %);
 *   after a 60 s rest: 8-10 spikes (S +50 to +70 %); after 300 s: 7-8
 *     (S +26 to +41 %, recovery);
 *   touch alone (the 60 s innocuous train of E11 on a pristine device, which
 *     potentiates the slow component: the gradual growth of Fig. 5b): at most
 *     8 spikes, S +37 % in the gaps, at most +39 % at pulse ends;
 *   three E12 pulses and 20 s of rest: S +72 %.
 * The margin lies between touch and the E13 injuries: 8 points below the
 * weakest injury after the rest, and its exit threshold (45 % with the
 * hysteresis) 6 points above the touch maximum, so touch alone is not an
 * injury and does not count. (The device current at the end of the
 * reference, noxiousResponseA, is kept as a figure.)
 *
 * A noxious stimulus is itself an injury: a pristine nociceptor under 7 V
 * pulses becomes allodynic during them (the volatile components it forms
 * would carry a touch above I_nox for about a second) and is left
 * hyperalgesic after them (its sensitisation component is filled), then
 * recovers as that component heals (about 800 s) and the slow component
 * relaxes (about an hour).
 *
 * Transitions (precedence: allodynia over hyperalgesia, because a lowered
 * threshold is the stronger sensitisation and implies a larger response too):
 *   any state -> allodynia     when A
 *   any state -> hyperalgesia  when H and not A
 *   allodynia | hyperalgesia -> recovery  when neither A nor H
 *   recovery  -> normal        when S <= (1 + recoveredMargin) S0
 *                              (the device has relaxed to near pristine)
 * A nociceptor that never was sensitised stays `normal` while neither holds.
 * Hysteresis: a nociceptor in allodynia stays there while Q >= (1 - h) I_nox,
 * one in hyperalgesia while S >= (1 + (1 - h) margin) S0 (h = 10 %). In the
 * gaps of a pulse train the fast volatile component relaxes and Q dips by a
 * few per cent (about 5 % with the calibrated device); without hysteresis
 * the state would flicker once per pulse while Q sits near I_nox. A
 * consequence: a nociceptor made allodynic by an injury stays so while Q
 * relaxes only to within 10 % of I_nox.
 *
 * Free where nothing can change: both responses are non-decreasing in every
 * device component (the current is, and the device advance is monotonic in
 * its initial state), so a nociceptor in allodynia whose components have
 * all risen since its last evaluation is still allodynic, and a normal one
 * whose components have all fallen (or stayed) is still normal; next()
 * returns at once for them (the components are compared with those of the
 * last evaluation, kept per nociceptor). Under a 7 V pulse every component
 * rises, so the check after each spike of an allodynic receptor costs a
 * comparison of its components.
 *
 * When: the owner calls check() at every stimulus edge of the nociceptor, at
 * threshold crossings, and on a periodic record-phase check every
 * checkIntervalS (default 0.25 s), so relaxation (recovery) is seen without
 * any stimulus. Every change is reported (time, neuron, from, to) and
 * recorded as a row of states.csv (t_s,neuron,from,to; codes below).
 */
import { ColumnTable } from '../record/table.ts';
import { article } from '../devices/targets.ts';
import type { CompiledNociceptors } from './nociceptor.ts';
import { PhaseIntegrator } from './nociceptor-phase.ts';

/** Entries of the evaluation memo (a power of 2). */
const MEMO = 256;

export const NORMAL = 0;
export const ALLODYNIA = 1;
export const HYPERALGESIA = 2;
export const RECOVERY = 3;
/** State names by code (index = code). */
export const SENSITISATION_STATES = ['normal', 'allodynia', 'hyperalgesia', 'recovery'] as const;
export type SensitisationName = (typeof SENSITISATION_STATES)[number];

export interface SensitisationParams {
  /** Innocuous reference stimulus (V). */
  readonly innocuousRefV: number;
  /** Width (s) of the innocuous reference pulse. */
  readonly innocuousRefWidthS: number;
  /** Noxious reference stimulus (V). */
  readonly noxiousRefV: number;
  /** Width (s) of the brief noxious reference pulse over which the spike response is taken. */
  readonly noxiousRefWidthS: number;
  /** Relative excess of the noxious response over the pristine one that counts as hyperalgesia. */
  readonly hyperalgesiaMargin: number;
  /** Relative excess below which a recovering nociceptor counts as normal again. */
  readonly recoveredMargin: number;
  /** Interval (s) of the periodic record-phase check. */
  readonly checkIntervalS: number;
  /** Fraction h by which the exit thresholds of allodynia and hyperalgesia lie below their entry thresholds. */
  readonly hysteresis: number;
}

export const sensitisationDefaults: SensitisationParams = {
  innocuousRefV: article.innocuous.amplitudeV,
  innocuousRefWidthS: article.innocuous.widthS,
  noxiousRefV: article.noxiousV,
  noxiousRefWidthS: 0.05,
  hyperalgesiaMargin: 0.5,
  recoveredMargin: 0.05,
  checkIntervalS: 0.25,
  hysteresis: 0.1,
};

export const STATE_COLUMNS = ['t_s', 'neuron', 'from', 'to'] as const;

/** Spikes of a rested nociceptor (phase 0) over one test pulse. */
export interface SpikeResponse {
  readonly spikes: number;
  /** 1 / the shortest interspike interval in the pulse (0 with fewer than two spikes). */
  readonly peakRateHz: number;
  /** Delay of the first spike from the pulse's rising edge (Infinity if none). */
  readonly firstSpikeS: number;
}

/**
 * The spike response to a test pulse (default: the noxious reference, 7 V for
 * 50 ms) of a nociceptor of `neurons` whose device is in `deviceState` and
 * whose phase is 0: the measure hyperalgesia is judged by (spec: count and
 * peak rate over a brief noxious pulse).
 */
export function noxiousSpikeResponse(
  neurons: CompiledNociceptors,
  deviceState: ArrayLike<number>,
  vV: number = sensitisationDefaults.noxiousRefV,
  widthS: number = sensitisationDefaults.noxiousRefWidthS,
): SpikeResponse {
  const s = new Float64Array(neurons.stride);
  neurons.init(s, 0);
  for (let k = 0; k < neurons.device.stride; k++) s[k] = deviceState[k];
  neurons.setDrive(s, 0, vV);
  const times = new Float64Array(1 << 16);
  const n = neurons.burst(s, 0, widthS, times);
  let minIsi = Infinity;
  for (let k = 1; k < n; k++) minIsi = Math.min(minIsi, times[k] - times[k - 1]);
  return { spikes: n, peakRateHz: n >= 2 ? 1 / minIsi : 0, firstSpikeS: n > 0 ? times[0] : Infinity };
}

export type StateListener = (tS: number, neuron: number, from: number, to: number) => void;

function checkParams(p: SensitisationParams): void {
  for (const k of ['innocuousRefV', 'innocuousRefWidthS', 'noxiousRefV', 'noxiousRefWidthS', 'checkIntervalS'] as const) {
    if (!(Number.isFinite(p[k]) && p[k] > 0)) throw new Error(`sensitisation: parameter "${k}" must be a finite number > 0, got ${p[k]}`);
  }
  if (!(p.hysteresis >= 0 && p.hysteresis < 1)) throw new Error(`sensitisation: parameter "hysteresis" must be in [0, 1), got ${p.hysteresis}`);
  for (const k of ['hyperalgesiaMargin', 'recoveredMargin'] as const) {
    if (!(Number.isFinite(p[k]) && p[k] >= 0)) throw new Error(`sensitisation: parameter "${k}" must be a finite number >= 0, got ${p[k]}`);
  }
  if (p.recoveredMargin > p.hyperalgesiaMargin) {
    throw new Error(`sensitisation: recoveredMargin (${p.recoveredMargin}) must not exceed hyperalgesiaMargin (${p.hyperalgesiaMargin})`);
  }
}

/** Holds the state code of every nociceptor of a population and records its changes. */
export class SensitisationTracker {
  readonly params: SensitisationParams;
  /** Present state code per neuron. */
  readonly code: Uint8Array;
  /** Every change: t_s,neuron,from,to. */
  readonly changes = new ColumnTable([...STATE_COLUMNS], 256);
  /** Response (A) of a pristine device to the noxious reference pulse. */
  readonly pristineNoxiousA: number;
  /** Pristine device current (A) at the innocuous reference voltage. */
  readonly pristineInnocuousA: number;
  /** Spike response S0 of a pristine nociceptor to the noxious reference pulse. */
  readonly pristineNoxiousSpikes: number;
  listener: StateListener | null = null;
  private readonly scratch: Float64Array;
  private readonly integrator: PhaseIntegrator;
  /** Device components at each nociceptor's last full evaluation (NaN: none yet). */
  private readonly lastX: Float64Array;
  /** The state each nociceptor's last evaluation gave (-1: none): the skip holds only from it. */
  private readonly lastCode: Int8Array;
  private readonly dim: number;
  /**
   * Memo of the full evaluation, a pure function of (device state, present
   * code): MEMO entries, direct-mapped by a hash of the components' bits, each
   * checked bit for bit, so receptors of a uniform region (or symmetric ones)
   * pay for one evaluation per check and every result is what it would be.
   */
  private readonly memoX: Float64Array;
  private readonly memoFrom = new Int8Array(MEMO).fill(-1);
  private readonly memoTo = new Int8Array(MEMO);
  private readonly bits = new Uint32Array(2);
  private readonly bitsF = new Float64Array(this.bits.buffer);

  constructor(readonly neurons: CompiledNociceptors, params: Partial<SensitisationParams> = {}) {
    this.params = { ...sensitisationDefaults, ...params };
    checkParams(this.params);
    this.code = new Uint8Array(neurons.size);
    const d = neurons.device;
    const fresh = new Float64Array(d.stride);
    d.init(fresh, 0);
    this.pristineInnocuousA = d.current(fresh, 0, this.params.innocuousRefV);
    this.scratch = new Float64Array(d.stride);
    this.pristineNoxiousA = this.response(fresh, 0);
    this.integrator = new PhaseIntegrator(d, neurons.law);
    this.dim = d.stride;
    this.lastX = new Float64Array(neurons.size * d.stride).fill(NaN);
    this.memoX = new Float64Array(MEMO * d.stride);
    this.lastCode = new Int8Array(neurons.size).fill(-1);
    this.pristineNoxiousSpikes = this.spikeResponse(fresh, 0);
  }

  /** Spike response (phase over the noxious reference pulse) of the device state at `off`. */
  private spikeResponse(state: Float64Array, off: number): number {
    this.integrator.begin(state, off, this.params.noxiousRefV);
    return this.integrator.integral(this.params.noxiousRefWidthS);
  }

  /** Spike response S of neuron i to the noxious reference pulse, from its present state (floor(S) spikes from phase 0). */
  noxiousSpikes(state: Float64Array, i: number): number {
    return this.spikeResponse(state, this.neurons.deviceOffset(i));
  }

  /** Spike response relative to the pristine one, minus 1 (0.5 = 50 % more). */
  noxiousSpikeExcess(state: Float64Array, i: number): number {
    return this.noxiousSpikes(state, i) / this.pristineNoxiousSpikes - 1;
  }

  /** Response (A) of neuron i to the innocuous reference pulse: max of its start and end currents. */
  innocuousResponseA(state: Float64Array, i: number): number {
    const d = this.neurons.device;
    const off = this.neurons.deviceOffset(i);
    const v = this.params.innocuousRefV;
    const x = this.scratch;
    for (let k = 0; k < x.length; k++) x[k] = state[off + k];
    const start = d.current(x, 0, v);
    d.advance(x, 0, v, this.params.innocuousRefWidthS);
    return Math.max(start, d.current(x, 0, v));
  }

  /** Condition A on neuron i's present device state (entry threshold; `staying` applies the exit one). */
  allodynic(state: Float64Array, i: number, staying = false): boolean {
    const th = this.neurons.law.thresholdA * (staying ? 1 - this.params.hysteresis : 1);
    return this.innocuousResponseA(state, i) >= th;
  }

  /** Response (A) to the noxious reference pulse of the device state at `off`. */
  private response(state: Float64Array, off: number): number {
    const d = this.neurons.device;
    const x = this.scratch;
    for (let k = 0; k < x.length; k++) x[k] = state[off + k];
    d.advance(x, 0, this.params.noxiousRefV, this.params.noxiousRefWidthS);
    return d.current(x, 0, this.params.noxiousRefV);
  }

  /** Response of neuron i to the noxious reference pulse (A), from its present state. */
  noxiousResponseA(state: Float64Array, i: number): number {
    return this.response(state, this.neurons.deviceOffset(i));
  }

  /** Noxious current response relative to the pristine one, minus 1 (a figure; the rule uses noxiousSpikeExcess). */
  noxiousExcess(state: Float64Array, i: number): number {
    return this.noxiousResponseA(state, i) / this.pristineNoxiousA - 1;
  }

  /** The state neuron i should be in now, given the state it is in. */
  next(state: Float64Array, i: number, from: number): number {
    const skip = (from === ALLODYNIA || from === NORMAL) && from === this.lastCode[i];
    if (this.unchanged(state, i, from === ALLODYNIA) && skip) return from;
    const to = this.evaluate(state, i, from);
    this.lastCode[i] = to;
    return to;
  }

  private evaluate(state: Float64Array, i: number, from: number): number {
    const off = this.neurons.deviceOffset(i);
    const d = this.dim;
    let h = from * 0x9e3779b1;
    for (let k = 0; k < d; k++) {
      this.bitsF[0] = state[off + k];
      h = Math.imul(h ^ this.bits[0], 0x85ebca6b) ^ Math.imul(this.bits[1], 0xc2b2ae35);
    }
    const slot = (h ^ (h >>> 15)) & (MEMO - 1);
    const m = this.memoX;
    let hit = this.memoFrom[slot] === from;
    for (let k = 0; hit && k < d; k++) hit = m[slot * d + k] === state[off + k];
    if (hit) return this.memoTo[slot];
    const to = this.evaluateOnce(state, i, from);
    for (let k = 0; k < d; k++) m[slot * d + k] = state[off + k];
    this.memoFrom[slot] = from;
    this.memoTo[slot] = to;
    return to;
  }

  private evaluateOnce(state: Float64Array, i: number, from: number): number {
    if (this.allodynic(state, i, from === ALLODYNIA)) return ALLODYNIA;
    const excess = this.noxiousSpikeExcess(state, i);
    const margin = this.params.hyperalgesiaMargin * (from === HYPERALGESIA ? 1 - this.params.hysteresis : 1);
    if (excess >= margin) return HYPERALGESIA;
    if (from === NORMAL) return NORMAL;
    return excess <= this.params.recoveredMargin ? NORMAL : RECOVERY;
  }

  /**
   * True when neuron i's components have all moved up (rising) or all down or
   * stayed (!rising) since its last full evaluation, which is then recorded
   * as the present state; false otherwise, and the present state is recorded
   * for the full evaluation that follows.
   */
  private unchanged(state: Float64Array, i: number, rising: boolean): boolean {
    const off = this.neurons.deviceOffset(i);
    const last = this.lastX;
    const base = i * this.dim;
    let same = true;
    for (let k = 0; k < this.dim; k++) {
      const x = state[off + k];
      const y = last[base + k];
      if (rising ? !(x >= y) : !(x <= y)) {
        same = false;
        break;
      }
    }
    for (let k = 0; k < this.dim; k++) last[base + k] = state[off + k];
    return same;
  }

  /** Re-evaluates neuron i at time tS (its state must be brought to tS); true when it changed. */
  check(state: Float64Array, i: number, tS: number): boolean {
    const from = this.code[i];
    const to = this.next(state, i, from);
    if (to === from) return false;
    this.code[i] = to;
    const r = this.changes.addRow();
    this.changes.set(r, 0, tS);
    this.changes.set(r, 1, i);
    this.changes.set(r, 2, from);
    this.changes.set(r, 3, to);
    if (this.listener) this.listener(tS, i, from, to);
    return true;
  }

  /** Number of neurons in state `code` now. */
  count(code: number): number {
    let n = 0;
    for (let i = 0; i < this.code.length; i++) if (this.code[i] === code) n++;
    return n;
  }
}
