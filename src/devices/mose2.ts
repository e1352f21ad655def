/**
 * Compact model of the lateral Pt/MoSe2/Pt analog memristor
 * (H. Duan, D. Wang, J. Gou, F. Guo, W. Jie, J. Hao, "Memristor based on 2D
 * MoSe2 nanosheets as artificial synapse and nociceptor for neuromorphic
 * computing", RSC journal article; targets restated in the project spec).
 *
 * State: five components x_k in [0, 1] (fraction of partial conductive paths
 * of each kind formed by selenium-vacancy migration):
 *   k = fast     volatile, relaxes in ~0.5 s (short-term facilitation)
 *   k = medium   volatile, relaxes in ~1-2 s, filled only at high bias (4-5 V)
 *   k = slow     long-term integrator (relaxation of tens of minutes or more)
 *   k = sens     sensitisation, filled only by strong (noxious) pulses; relaxes
 *                over tens of minutes (healing: the nociceptor recovers)
 *   k = fastHigh second fast volatile one (~0.35 s), switched on steeply
 *                (~5 e-folds per volt: nothing at 3 V, saturated at 4-7 V); it
 *                keeps the decay after a 4 V train short while `medium`
 *                carries relearning, so `slow` can give linear LTP at 3 V
 *
 * Under a constant voltage V each component obeys a linear first-order law
 *   dx/dt = P(V) (1 - x) - D(V) x - x / tau(V)
 * with, for |V| above the shared threshold Vth (below it P = D = 0),
 *   P(V) = pRef exp(sP (V - Vp))        for V >  Vth   (Vp = potRefV)
 *   D(V) = dRef exp(sD (|V| - Vd))      for V < -Vth   (Vd = depRefV)
 *   tau(V) = tau0 exp(-sTau |V|)        (weak voltage dependence; tau0 may be Infinity)
 * so with a = P, b = P + D + 1/tau the exact solution over an interval dt is
 *   x(t + dt) = x(t) exp(-b dt) + (a/b) (1 - exp(-b dt)),
 * which keeps x in [0, 1] and composes exactly (splitting an interval changes
 * nothing but rounding).
 *
 * Conductance and current:
 *   G = G0 + (sum over k != sens of g_k x_k) (1 + m x_sens) + g_sens x_sens
 *   I = G sinh(beta V) / beta
 * The sensitisation component multiplies the path conductance (gain m), so a
 * formerly innocuous drive crosses the pain threshold after injury (allodynia)
 * and a noxious one gives more current (hyperalgesia). sinh is the symmetric
 * conduction nonlinearity of a Schottky/tunnelling contact; for V -> 0 it is
 * ohmic, I = G V.
 *
 * Below the threshold (|V| <= Vth, about 0.18 V) only relaxation acts, so
 * the 0.1 V read bias used by every protocol reads without driving. The
 * parameter values are fitted by `memspike calibrate` (src/devices/calibrate/)
 * and live in the JSON preset src/devices/presets/mose2.json.
 */
import type { CompiledDevice, DeviceModel, StateVar } from './types.ts';
import { mose2Docs } from './mose2-docs.ts';

export interface MemristorComponentParams {
  /** Conductance (S) this component adds when fully formed (x = 1). */
  readonly weightS: number;
  /** Potentiation rate (1/s) at the potentiation reference voltage. */
  readonly potRateRefPerS: number;
  /** Steepness (1/V) of the potentiation rate: e-fold per volt. */
  readonly potSlopePerV: number;
  /** Depression rate (1/s) at the depression reference voltage (magnitude). */
  readonly depRateRefPerS: number;
  /** Steepness (1/V) of the depression rate. */
  readonly depSlopePerV: number;
  /** Relaxation time (s) at 0 V; Infinity for a non-volatile component. */
  readonly tauS: number;
  /** Voltage dependence (1/V) of the relaxation time: tau(V) = tauS exp(-tauSlopePerV |V|). */
  readonly tauSlopePerV: number;
}

export interface Mose2Params {
  /** |V| below which no component is driven (read bias stays non-disturbing). */
  readonly thresholdV: number;
  /** Voltage (V) at which potRateRefPerS is given. */
  readonly potRefV: number;
  /** Voltage magnitude (V) at which depRateRefPerS is given (for negative bias). */
  readonly depRefV: number;
  /** Conductance (S) of the pristine device. */
  readonly baseConductanceS: number;
  /** beta (1/V) of the sinh conduction nonlinearity. */
  readonly conductionBetaPerV: number;
  /** Gain m by which a full sensitisation component multiplies path conductance. */
  readonly sensitisationGain: number;
  readonly fast: MemristorComponentParams;
  readonly medium: MemristorComponentParams;
  readonly slow: MemristorComponentParams;
  readonly sens: MemristorComponentParams;
  readonly fastHigh: MemristorComponentParams;
}

/** State order: the sensitisation component stays at index 3 (x_sens), fastHigh is appended. */
export const COMPONENTS = ['fast', 'medium', 'slow', 'sens', 'fastHigh'] as const;
const NC = COMPONENTS.length;
const SENS = 3;
export type ComponentName = (typeof COMPONENTS)[number];

const stateLayout: readonly StateVar[] = COMPONENTS.map((c) => ({
  name: `x_${c}`,
  unit: '1',
  description: `fraction of ${c} conductive paths formed`,
  initial: 0,
  min: 0,
  max: 1,
}));

/** Per component: 7 numbers in this order in the flat parameter vector. */
const P_WEIGHT = 0;
const P_POT = 1;
const P_POT_SLOPE = 2;
const P_DEP = 3;
const P_DEP_SLOPE = 4;
const P_INV_TAU = 5;
const P_TAU_SLOPE = 6;
const PER = 7;

class CompiledMose2 implements CompiledDevice {
  readonly stride = NC;
  readonly stateLayout = stateLayout;
  private readonly p = new Float64Array(NC * PER);
  private readonly thresholdV: number;
  private readonly potRefV: number;
  private readonly depRefV: number;
  private readonly g0: number;
  private readonly beta: number;
  private readonly m: number;
  // Cache of the rate coefficients for the last voltage and of the decay
  // factors for the last (voltage, duration): pulse trains reuse both.
  private cacheV = NaN;
  private cacheDt = NaN;
  private readonly xInf = new Float64Array(NC);
  private readonly rate = new Float64Array(NC);
  private readonly decay = new Float64Array(NC);
  private readonly grow = new Float64Array(NC);

  constructor(params: Mose2Params) {
    this.thresholdV = params.thresholdV;
    this.potRefV = params.potRefV;
    this.depRefV = params.depRefV;
    this.g0 = params.baseConductanceS;
    this.beta = params.conductionBetaPerV;
    this.m = params.sensitisationGain;
    COMPONENTS.forEach((name, k) => {
      const c = params[name];
      const o = k * PER;
      this.p[o + P_WEIGHT] = c.weightS;
      this.p[o + P_POT] = c.potRateRefPerS;
      this.p[o + P_POT_SLOPE] = c.potSlopePerV;
      this.p[o + P_DEP] = c.depRateRefPerS;
      this.p[o + P_DEP_SLOPE] = c.depSlopePerV;
      this.p[o + P_INV_TAU] = c.tauS === Infinity ? 0 : 1 / c.tauS;
      this.p[o + P_TAU_SLOPE] = c.tauSlopePerV;
    });
  }

  init(state: Float64Array, off: number): void {
    for (let k = 0; k < NC; k++) state[off + k] = 0;
  }

  private rates(vV: number): void {
    const p = this.p;
    const absV = Math.abs(vV);
    const driven = absV > this.thresholdV;
    for (let k = 0; k < NC; k++) {
      const o = k * PER;
      let a = 0;
      let d = 0;
      if (driven) {
        if (vV > 0) a = p[o + P_POT] * Math.exp(p[o + P_POT_SLOPE] * (vV - this.potRefV));
        else d = p[o + P_DEP] * Math.exp(p[o + P_DEP_SLOPE] * (absV - this.depRefV));
      }
      const relax = p[o + P_INV_TAU] * (p[o + P_TAU_SLOPE] === 0 ? 1 : Math.exp(p[o + P_TAU_SLOPE] * absV));
      const b = a + d + relax;
      this.rate[k] = b;
      this.xInf[k] = b > 0 ? a / b : 0;
    }
    this.cacheV = vV;
    this.cacheDt = NaN;
  }

  advance(state: Float64Array, off: number, vV: number, dtS: number): void {
    if (dtS <= 0) return;
    if (vV !== this.cacheV) this.rates(vV);
    if (dtS !== this.cacheDt) {
      for (let k = 0; k < NC; k++) {
        this.decay[k] = Math.exp(-this.rate[k] * dtS);
        this.grow[k] = -Math.expm1(-this.rate[k] * dtS);
      }
      this.cacheDt = dtS;
    }
    for (let k = 0; k < NC; k++) {
      // x e + x_inf (1 - e): both terms >= 0, so no cancellation for small x
      // or short steps (1 - e from expm1), and splitting an interval stays
      // within a few ulps of one step.
      state[off + k] = state[off + k] * this.decay[k] + this.xInf[k] * this.grow[k];
    }
  }

  conductance(state: Float64Array, off: number): number {
    const p = this.p;
    const paths =
      p[P_WEIGHT] * state[off] + p[PER + P_WEIGHT] * state[off + 1] + p[2 * PER + P_WEIGHT] * state[off + 2] + p[4 * PER + P_WEIGHT] * state[off + 4];
    const s = state[off + SENS];
    return this.g0 + paths * (1 + this.m * s) + p[SENS * PER + P_WEIGHT] * s;
  }

  current(state: Float64Array, off: number, vV: number): number {
    const g = this.conductance(state, off);
    return this.beta === 0 ? g * vV : (g * Math.sinh(this.beta * vV)) / this.beta;
  }
}

export const mose2Model: DeviceModel<Mose2Params> = {
  name: 'mose2',
  description: 'five-component first-order memristor model of the Pt/MoSe2/Pt device (Duan et al.)',
  stateLayout,
  parameters: mose2Docs,
  compile: (params) => new CompiledMose2(params),
};

/** The conduction nonlinearity alone: I / G at voltage vV. */
export function conductionFactor(params: Pick<Mose2Params, 'conductionBetaPerV'>, vV: number): number {
  const b = params.conductionBetaPerV;
  return b === 0 ? vV : Math.sinh(b * vV) / b;
}
