/**
 * Leaky integrate-and-fire neuron with exponential synaptic currents
 * (current-based, "CUBA": Brette et al. 2007, J. Comput. Neurosci. 23:349,
 * benchmark 2; equations as in the Brian CUBA example):
 *
 *   tau_m dV/dt = g_e + g_i - (V - E_L) + R I_ext
 *   tau_e dg_e/dt = -g_e,   tau_i dg_i/dt = -g_i           (g in volts)
 *   input on port 0: g_e += w;  on port 1: g_i += w          (w signed)
 *   V >= V_th: spike, V -> V_reset, V held for t_ref; g_e, g_i keep decaying
 *   and keep receiving inputs during refractoriness (as Brian's "unless refractory").
 *
 * Exact propagation (u = V - V_inf, V_inf = E_L + R I_ext, k_x = tau_x / (tau_x - tau_m)):
 *   u(t) = u0 e^{-t/tau_m} + g_e0 k_e (e^{-t/tau_e} - e^{-t/tau_m}) + g_i0 k_i (e^{-t/tau_i} - e^{-t/tau_m})
 * (limit tau_x -> tau_m: g_x0 (t / tau_m) e^{-t/tau_m}).
 *
 * Next crossing of V_th: V(t) - V_th = D + A e^{-t/tau_m} + B e^{-t/tau_e} + C e^{-t/tau_i}
 * is a sum of exponentials; its first root is found by branch and bound on
 * intervals (each term is monotonic, so its endpoint values bound it), with a
 * safeguarded Newton step once the function is certified increasing on a
 * bracket (see crossing.ts). Spike times are accurate to 1e-13 s.
 */
import type { StateVar } from '../devices/types.ts';
import type { CompiledNeurons, NeuronModel } from './types.ts';
import { checkLifParams, type LifParams } from './lif.ts';
import { firstCrossing } from './crossing.ts';

export interface LifCubaParams extends LifParams {
  /** Decay time of the excitatory current g_e (s). */
  readonly tauES: number;
  /** Decay time of the inhibitory current g_i (s). */
  readonly tauIS: number;
}

export const lifCubaDefaults: LifCubaParams = {
  tauMS: 0.02,
  restV: -0.049,
  thresholdV: -0.05,
  resetV: -0.06,
  refractoryS: 0.005,
  resistanceOhm: 1e8,
  initialV: -0.06,
  tauES: 0.005,
  tauIS: 0.01,
};

const layout: readonly StateVar[] = [
  { name: 'V', unit: 'V', description: 'membrane potential', initial: lifCubaDefaults.initialV, min: -Infinity, max: Infinity },
  { name: 'refractory_s', unit: 's', description: 'refractory time left', initial: 0, min: 0, max: Infinity },
  { name: 'I_ext', unit: 'A', description: 'external drive current', initial: 0, min: -Infinity, max: Infinity },
  { name: 'g_e', unit: 'V', description: 'excitatory synaptic current (times R)', initial: 0, min: -Infinity, max: Infinity },
  { name: 'g_i', unit: 'V', description: 'inhibitory synaptic current (times R)', initial: 0, min: -Infinity, max: Infinity },
];

/** Coefficient k = tau_x / (tau_x - tau_m), or NaN when the limit form applies. */
function kappa(tauX: number, tauM: number): number {
  return Math.abs(tauX - tauM) < 1e-9 * tauM ? NaN : tauX / (tauX - tauM);
}

class CompiledLifCuba implements CompiledNeurons {
  readonly stride = 5;
  readonly stateLayout = layout;
  readonly negativeInputDelaysSpike = true;
  private readonly p: LifCubaParams;
  private readonly rM: number;
  private readonly rE: number;
  private readonly rI: number;
  private readonly kE: number;
  private readonly kI: number;

  constructor(p: LifCubaParams, readonly size: number) {
    checkLifParams(p, 'neuron model "lif_cuba"');
    if (!(p.tauES > 0)) throw new Error(`neuron model "lif_cuba": parameter "tauES" must be > 0 s, got ${p.tauES}`);
    if (!(p.tauIS > 0)) throw new Error(`neuron model "lif_cuba": parameter "tauIS" must be > 0 s, got ${p.tauIS}`);
    this.p = p;
    this.rM = 1 / p.tauMS;
    this.rE = 1 / p.tauES;
    this.rI = 1 / p.tauIS;
    this.kE = kappa(p.tauES, p.tauMS);
    this.kI = kappa(p.tauIS, p.tauMS);
  }

  init(s: Float64Array, i: number): void {
    const o = i * 5;
    s[o] = this.p.initialV;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
    s[o + 4] = 0;
  }

  advance(s: Float64Array, i: number, dtS: number): void {
    if (dtS <= 0) return;
    const o = i * 5;
    let dt = dtS;
    const ref = s[o + 1];
    if (ref > 0) {
      const held = dt <= ref ? dt : ref;
      s[o + 3] *= Math.exp(-held * this.rE);
      s[o + 4] *= Math.exp(-held * this.rI);
      s[o + 1] = ref - held;
      dt -= held;
      if (dt <= 0) return;
    }
    const vInf = this.p.restV + this.p.resistanceOhm * s[o + 2];
    const ge = s[o + 3];
    const gi = s[o + 4];
    const em = Math.exp(-dt * this.rM);
    const ee = Math.exp(-dt * this.rE);
    const ei = Math.exp(-dt * this.rI);
    let u = (s[o] - vInf) * em;
    u += Number.isNaN(this.kE) ? ge * dt * this.rM * em : ge * this.kE * (ee - em);
    u += Number.isNaN(this.kI) ? gi * dt * this.rM * em : gi * this.kI * (ei - em);
    s[o] = vInf + u;
    s[o + 3] = ge * ee;
    s[o + 4] = gi * ei;
  }

  receive(s: Float64Array, i: number, weight: number, port: number): void {
    s[i * 5 + (port === 1 ? 4 : 3)] += weight;
  }

  setDrive(s: Float64Array, i: number, value: number): void {
    s[i * 5 + 2] = value;
  }

  nextSpikeDelay(s: Float64Array, i: number, horizonS = Infinity): number {
    const o = i * 5;
    const ref = s[o + 1];
    let v = s[o];
    let ge = s[o + 3];
    let gi = s[o + 4];
    if (ref > 0) {
      ge *= Math.exp(-ref * this.rE);
      gi *= Math.exp(-ref * this.rI);
      v = this.p.resetV;
    } else if (v >= this.p.thresholdV) return 0;
    const vInf = this.p.restV + this.p.resistanceOhm * s[o + 2];
    if (Number.isNaN(this.kE) || Number.isNaN(this.kI)) {
      // Degenerate time constants: fall back to a slightly detuned kernel
      // (relative change 1e-6), far below the accuracy of any parameter.
      return ref + this.crossingDetuned(v - vInf, ge, gi, vInf - this.p.thresholdV);
    }
    const b = ge * this.kE;
    const c = gi * this.kI;
    const a = v - vInf - b - c;
    if (horizonS <= ref) return Infinity;
    return ref + firstCrossing(vInf - this.p.thresholdV, a, this.rM, b, this.rE, c, this.rI, horizonS - ref);
  }

  private crossingDetuned(u: number, ge: number, gi: number, d: number): number {
    const rE = Number.isNaN(this.kE) ? this.rE * (1 + 1e-6) : this.rE;
    const rI = Number.isNaN(this.kI) ? this.rI * (1 - 1e-6) : this.rI;
    const kE = 1 / rE / (1 / rE - 1 / this.rM);
    const kI = 1 / rI / (1 / rI - 1 / this.rM);
    const b = ge * kE;
    const c = gi * kI;
    return firstCrossing(d, u - b - c, this.rM, b, rE, c, rI);
  }

  fire(s: Float64Array, i: number): void {
    const o = i * 5;
    s[o] = this.p.resetV;
    s[o + 1] = this.p.refractoryS;
  }
}

export const lifCubaModel: NeuronModel<LifCubaParams> = {
  name: 'lif_cuba',
  description: 'leaky integrate-and-fire with exponential synaptic currents (CUBA, Brette et al. 2007 benchmark 2), exact propagation',
  stateLayout: layout,
  compile: (params, size) => new CompiledLifCuba(params, size),
};
