/**
 * Leaky integrate-and-fire neuron with instantaneous synaptic jumps
 * (the "voltage jump" LIF of Brette et al. 2007, J. Comput. Neurosci. 23:349,
 * benchmark 4):
 *
 *   tau_m dV/dt = E_L - V + R I_ext          between events
 *   V -> V + w                                at each synaptic input (w signed, volts)
 *   V >= V_th: spike, V -> V_reset, held there for t_ref (inputs ignored)
 *
 * With I_ext piecewise constant, V_inf = E_L + R I_ext and the exact solution
 *   V(t + dt) = V_inf + (V(t) - V_inf) exp(-dt / tau_m)
 * gives the exact next threshold crossing when V_inf > V_th:
 *   t* = tau_m ln((V - V_inf) / (V_th - V_inf))
 * (no crossing when V_inf <= V_th and V < V_th).
 *
 * State per neuron: V (V), refractory time left (s), external current (A).
 */
import type { StateVar } from '../devices/types.ts';
import type { CompiledNeurons, NeuronModel } from './types.ts';

export interface LifParams {
  /** Membrane time constant tau_m (s). */
  readonly tauMS: number;
  /** Resting (leak reversal) potential E_L (V). */
  readonly restV: number;
  readonly thresholdV: number;
  readonly resetV: number;
  /** Absolute refractory period (s): V held at reset, inputs ignored. */
  readonly refractoryS: number;
  /** Membrane resistance R (ohm) scaling the external current into volts. */
  readonly resistanceOhm: number;
  /** Initial membrane potential (V); populations may randomise it. */
  readonly initialV: number;
}

export const lifDefaults: LifParams = {
  tauMS: 0.02,
  restV: -0.049,
  thresholdV: -0.05,
  resetV: -0.06,
  refractoryS: 0.005,
  resistanceOhm: 1e8,
  initialV: -0.06,
};

export const LIF_V = 0;
export const LIF_REF = 1;
export const LIF_DRIVE = 2;

const lifLayout: readonly StateVar[] = [
  { name: 'V', unit: 'V', description: 'membrane potential', initial: lifDefaults.initialV, min: -Infinity, max: Infinity },
  { name: 'refractory_s', unit: 's', description: 'refractory time left', initial: 0, min: 0, max: Infinity },
  { name: 'I_ext', unit: 'A', description: 'external drive current', initial: 0, min: -Infinity, max: Infinity },
];

/** Rejects parameter sets the closed forms cannot handle. */
export function checkLifParams(p: LifParams, where: string): void {
  for (const [k, v] of Object.entries(p)) {
    if (!Number.isFinite(v)) throw new Error(`${where}: parameter "${k}" must be a finite number, got ${v}`);
  }
  if (!(p.tauMS > 0)) throw new Error(`${where}: parameter "tauMS" must be > 0 s, got ${p.tauMS}`);
  if (!(p.refractoryS >= 0)) throw new Error(`${where}: parameter "refractoryS" must be >= 0 s, got ${p.refractoryS}`);
  if (!(p.resetV < p.thresholdV)) throw new Error(`${where}: parameter "resetV" (${p.resetV} V) must be below "thresholdV" (${p.thresholdV} V)`);
}

class CompiledLif implements CompiledNeurons {
  readonly stride = 3;
  readonly stateLayout = lifLayout;
  readonly negativeInputDelaysSpike = true;
  /** Capability: the network may run this population as a time-invariant LIF block. */
  readonly lifBlock: LifParams;
  private readonly tau: number;
  private readonly invTau: number;
  private readonly rest: number;
  private readonly th: number;
  private readonly reset: number;
  private readonly ref: number;
  private readonly r: number;
  private readonly v0: number;

  constructor(readonly params: LifParams, readonly size: number) {
    const p = params;
    checkLifParams(p, 'neuron model "lif"');
    this.lifBlock = p;
    this.tau = p.tauMS;
    this.invTau = 1 / p.tauMS;
    this.rest = p.restV;
    this.th = p.thresholdV;
    this.reset = p.resetV;
    this.ref = p.refractoryS;
    this.r = p.resistanceOhm;
    this.v0 = p.initialV;
  }

  init(s: Float64Array, i: number): void {
    const o = i * 3;
    s[o] = this.v0;
    s[o + 1] = 0;
    s[o + 2] = 0;
  }

  advance(s: Float64Array, i: number, dtS: number): void {
    const o = i * 3;
    let dt = dtS;
    const ref = s[o + 1];
    if (ref > 0) {
      if (dt <= ref) {
        s[o + 1] = ref - dt;
        return;
      }
      dt -= ref;
      s[o + 1] = 0;
    }
    if (dt <= 0) return;
    const vInf = this.rest + this.r * s[o + 2];
    s[o] = vInf + (s[o] - vInf) * Math.exp(-dt * this.invTau);
  }

  receive(s: Float64Array, i: number, weight: number): void {
    const o = i * 3;
    if (s[o + 1] > 0) return;
    s[o] += weight;
  }

  input(s: Float64Array, i: number, dtS: number, weight: number, _port: number, horizonS: number): number {
    const o = i * 3;
    let dt = dtS;
    const ref = s[o + 1];
    if (ref > 0) {
      if (dt < ref) {
        s[o + 1] = ref - dt;
        // Input ignored: the next spike does not move, so it is not earlier than the pending one.
        return horizonS < Infinity ? Infinity : this.nextSpikeDelay(s, i);
      }
      dt -= ref;
      s[o + 1] = 0;
    }
    const vInf = this.rest + this.r * s[o + 2];
    const v = (dt > 0 ? vInf + (s[o] - vInf) * Math.exp(-dt * this.invTau) : s[o]) + weight;
    s[o] = v;
    if (weight < 0 && horizonS < Infinity) return Infinity;
    if (v >= this.th) return 0;
    if (vInf <= this.th) return Infinity;
    return this.tau * Math.log((v - vInf) / (this.th - vInf));
  }

  setDrive(s: Float64Array, i: number, value: number): void {
    s[i * 3 + 2] = value;
  }

  nextSpikeDelay(s: Float64Array, i: number): number {
    const o = i * 3;
    const ref = s[o + 1];
    const v = s[o];
    if (ref <= 0 && v >= this.th) return 0;
    const vInf = this.rest + this.r * s[o + 2];
    if (vInf <= this.th) return Infinity;
    return ref + this.tau * Math.log((v - vInf) / (this.th - vInf));
  }

  fire(s: Float64Array, i: number): void {
    const o = i * 3;
    s[o] = this.reset;
    s[o + 1] = this.ref;
  }
}

export const lifModel: NeuronModel<LifParams> = {
  name: 'lif',
  description: 'leaky integrate-and-fire, instantaneous synaptic jumps, exact event-driven (Brette et al. 2007, benchmark 4)',
  stateLayout: lifLayout,
  compile: (params, size) => new CompiledLif(params, size),
};
