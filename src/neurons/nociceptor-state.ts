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
 *   H (hyperalgesia): R >= (1 + margin) R0, with R the noxious response: the
 *                     device current at the end of a brief noxious reference
 *                     pulse (V_noxious = 7 V, the E12 amplitude, for W_ref =
 *                     20 ms); R0 the same for a pristine device; margin =
 *                     55 %: a painful stimulus now evokes at least 1.55
 *                     times the pristine response.
 * Why a brief reference: at 7 V the device's medium volatile component forms
 * within about a millisecond, while the sensitisation component fills with a
 * time constant of about 0.14 s (calibrated preset). A 20 ms reference
 * therefore sees the paths a noxious stimulus forms, multiplied by the gain
 * the device already carries, before the reference itself sensitises a
 * pristine copy (by about 13 %). A long reference (0.5 s, the earlier rule)
 * fills the sensitisation of the pristine copy too, so its end current hid
 * injury (+4 to +9 % after 0.5-2 s injuries). With the five-component
 * preset, R exceeds R0 by 75-108 % 5 s after a 0.5-2 s injury, by about
 * 51 % five minutes after a 2 s one, by about 96 % 20 s after three E12
 * noxious pulses, and by at most 47 % during the 60 s innocuous train of
 * E11 on a pristine device (the slow component it potentiates, the gradual
 * growth of Fig. 5b). The margin lies between the two: touch
 * alone is not an injury and does not count. Touch is not without effect:
 * about ten minutes of continuous innocuous train saturate the slow
 * component (R about +105 %), so a patch touched that long would reach
 * hyperalgesia: a property of the device, not of this rule.
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
 *   recovery  -> normal        when R <= (1 + recoveredMargin) R0
 *                              (the device has relaxed to near pristine)
 * A nociceptor that never was sensitised stays `normal` while neither holds.
 * Hysteresis: a nociceptor in allodynia stays there while Q >= (1 - h) I_nox,
 * one in hyperalgesia while R >= (1 + (1 - h) margin) R0 (h = 10 %). In the
 * gaps of a pulse train the fast volatile component relaxes and Q dips by a
 * few per cent (about 5 % with the calibrated device); without hysteresis
 * the state would flicker once per pulse while Q sits near I_nox. A
 * consequence: a nociceptor made allodynic by an injury stays so while Q
 * relaxes only to within 10 % of I_nox.
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
  /** Width (s) of the brief noxious reference pulse whose end current is the noxious response. */
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
  noxiousRefWidthS: 0.02,
  hyperalgesiaMargin: 0.55,
  recoveredMargin: 0.05,
  checkIntervalS: 0.25,
  hysteresis: 0.1,
};

export const STATE_COLUMNS = ['t_s', 'neuron', 'from', 'to'] as const;

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
  listener: StateListener | null = null;
  private readonly scratch: Float64Array;

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

  /** Noxious response relative to the pristine one, minus 1 (0.25 = 25 % larger). */
  noxiousExcess(state: Float64Array, i: number): number {
    return this.noxiousResponseA(state, i) / this.pristineNoxiousA - 1;
  }

  /** The state neuron i should be in now, given the state it is in. */
  next(state: Float64Array, i: number, from: number): number {
    if (this.allodynic(state, i, from === ALLODYNIA)) return ALLODYNIA;
    const excess = this.noxiousExcess(state, i);
    const margin = this.params.hyperalgesiaMargin * (from === HYPERALGESIA ? 1 - this.params.hysteresis : 1);
    if (excess >= margin) return HYPERALGESIA;
    if (from === NORMAL) return NORMAL;
    return excess <= this.params.recoveredMargin ? NORMAL : RECOVERY;
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
