/**
 * Leaky integrate-and-fire neuron with instantaneous synaptic jumps and a
 * spike-triggered adaptive threshold (threshold adaptation as in Chacron,
 * Longtin & Maler 2003, and the homeostatic threshold "theta" of Diehl &
 * Cook 2015, Front. Comput. Neurosci. 9:99):
 *
 *   tau_m dV/dt = -V                 between inputs (rest 0 V)
 *   V -> V + w                        at each input (inputs ignored while refractory)
 *   d a / dt = -a / tau_a             threshold adaptation
 *   V >= theta_0 + a: spike, V -> V_reset, a -> a + delta_a, refractory t_ref
 *
 * Method: exact exponential decays between events (V held at reset while
 * refractory). Threshold crossings are tested at inputs only: between inputs
 * V decays at V / tau_m and the threshold at a / tau_a, so V, at least
 * theta_0 when near threshold, could only catch a falling threshold if
 * a > theta_0 tau_a / tau_m, far beyond any adaptation reached in use
 * (scenarios/masquelier2008, where the adaptation cancels the device's
 * short-term facilitation after each spike's potentiation).
 *
 * State per neuron: V (V), threshold adaptation a (V), refractory time left (s).
 */
import type { StateVar } from '../devices/types.ts';
import type { CompiledNeurons, NeuronModel } from './types.ts';

export interface AdaptiveLifParams {
  readonly tauMS: number;
  readonly thresholdV: number;
  readonly resetV: number;
  readonly refractoryS: number;
  /** Threshold increment per spike (V); 0 disables the adaptation. */
  readonly adaptationV: number;
  /** Decay time of the threshold adaptation (s). */
  readonly adaptationTauS: number;
}

export const adaptiveLifDefaults: AdaptiveLifParams = { tauMS: 0.01, thresholdV: 0.014, resetV: -0.028, refractoryS: 0.001, adaptationV: 0, adaptationTauS: 0.5 };

const V = 0;
const A = 1;
const REF = 2;

const layout: readonly StateVar[] = [
  { name: 'V', unit: 'V', description: 'membrane potential (rest 0 V)', initial: 0, min: -Infinity, max: Infinity },
  { name: 'a', unit: 'V', description: 'threshold adaptation', initial: 0, min: 0, max: Infinity },
  { name: 'refractory_s', unit: 's', description: 'refractory time left', initial: 0, min: 0, max: Infinity },
];

class AdaptiveLif implements CompiledNeurons {
  readonly stride = 3;
  readonly stateLayout = layout;
  readonly negativeInputDelaysSpike = true;
  private readonly invTauM: number;
  private readonly invTauA: number;

  constructor(readonly p: AdaptiveLifParams, readonly size: number) {
    const w = 'neuron model "lif_adaptive"';
    if (!(p.tauMS > 0)) throw new Error(`${w}: parameter "tauMS" must be > 0 s, got ${p.tauMS}`);
    if (!(p.thresholdV > 0)) throw new Error(`${w}: parameter "thresholdV" must be > 0 V, got ${p.thresholdV}`);
    if (!(p.resetV < p.thresholdV)) throw new Error(`${w}: parameter "resetV" (${p.resetV} V) must be below thresholdV (${p.thresholdV} V)`);
    if (!(p.refractoryS >= 0)) throw new Error(`${w}: parameter "refractoryS" must be >= 0 s, got ${p.refractoryS}`);
    if (!(p.adaptationV >= 0)) throw new Error(`${w}: parameter "adaptationV" must be >= 0 V, got ${p.adaptationV}`);
    if (!(p.adaptationTauS > 0)) throw new Error(`${w}: parameter "adaptationTauS" must be > 0 s, got ${p.adaptationTauS}`);
    this.invTauM = 1 / p.tauMS;
    this.invTauA = 1 / p.adaptationTauS;
  }

  init(state: Float64Array, i: number): void {
    const o = i * 3;
    state[o + V] = 0;
    state[o + A] = 0;
    state[o + REF] = 0;
  }

  advance(state: Float64Array, i: number, dtS: number): void {
    if (!(dtS > 0)) return;
    const o = i * 3;
    const ref = state[o + REF];
    const free = ref > 0 ? dtS - ref : dtS;
    if (free > 0) state[o + V] *= Math.exp(-free * this.invTauM);
    state[o + REF] = ref > dtS ? ref - dtS : 0;
    state[o + A] *= Math.exp(-dtS * this.invTauA);
  }

  receive(state: Float64Array, i: number, weight: number): void {
    const o = i * 3;
    if (state[o + REF] > 0) return;
    state[o + V] += weight;
  }

  setDrive(): void {}

  nextSpikeDelay(state: Float64Array, i: number): number {
    const o = i * 3;
    return state[o + REF] <= 0 && state[o + V] >= this.p.thresholdV + state[o + A] ? 0 : Infinity;
  }

  fire(state: Float64Array, i: number): void {
    const o = i * 3;
    state[o + V] = this.p.resetV;
    state[o + A] += this.p.adaptationV;
    state[o + REF] = this.p.refractoryS;
  }
}

export const adaptiveLifModel: NeuronModel<AdaptiveLifParams> = {
  name: 'lif_adaptive',
  description: 'LIF with instantaneous jumps and a spike-triggered adaptive threshold',
  stateLayout: layout,
  compile: (params, size) => new AdaptiveLif(params, size),
};
