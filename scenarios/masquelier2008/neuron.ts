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
 * Why the adaptation: a potentiating programming pulse also fills the
 * device's volatile conductance, so every postsynaptic spike transiently
 * strengthens the synapses it potentiated (short-term facilitation) for
 * about the volatile relaxation time. With tau_a equal to that time and
 * delta_a equal to the mean extra drive one spike's programming causes, the
 * threshold follows the facilitation and the positive feedback is cancelled
 * on average (a = 0 gives the plain LIF).
 *
 * Threshold crossings are tested at inputs only: between inputs V decays at
 * V / tau_m and the threshold at a / tau_a, so V, at least theta_0 when near
 * threshold, could only catch a falling threshold if a > theta_0 tau_a / tau_m
 * (50 theta_0 with the scenario's defaults), far beyond any adaptation reached.
 */

export interface AdaptiveLifSpec {
  readonly tauMS: number;
  readonly thresholdV: number;
  readonly resetV: number;
  readonly refractoryS: number;
  /** Threshold increment per spike (V); 0 disables the adaptation. */
  readonly adaptationV: number;
  /** Decay time of the threshold adaptation (s). */
  readonly adaptationTauS: number;
}

export class AdaptiveLif {
  /** Membrane potential (V) and threshold adaptation (V) at tS. */
  v = 0;
  a = 0;
  tS = 0;
  private refractoryEndS = -Infinity;
  private readonly invTauM: number;
  private readonly invTauA: number;

  constructor(readonly spec: AdaptiveLifSpec) {
    const { tauMS, thresholdV, resetV, refractoryS, adaptationV, adaptationTauS } = spec;
    if (!(tauMS > 0)) throw new Error(`pattern-learning neuron: tauMS must be > 0 s, got ${tauMS}`);
    if (!(thresholdV > 0)) throw new Error(`pattern-learning neuron: thresholdV must be > 0 V, got ${thresholdV}`);
    if (!(resetV < thresholdV)) throw new Error(`pattern-learning neuron: resetV (${resetV} V) must be below thresholdV (${thresholdV} V)`);
    if (!(refractoryS >= 0)) throw new Error(`pattern-learning neuron: refractoryS must be >= 0 s, got ${refractoryS}`);
    if (!(adaptationV >= 0)) throw new Error(`pattern-learning neuron: adaptationV must be >= 0 V, got ${adaptationV}`);
    if (!(adaptationTauS > 0)) throw new Error(`pattern-learning neuron: adaptationTauS must be > 0 s, got ${adaptationTauS}`);
    this.invTauM = 1 / tauMS;
    this.invTauA = 1 / adaptationTauS;
  }

  /** Brings V and a forward to tS (exact exponential decays). */
  advance(tS: number): void {
    const dt = tS - this.tS;
    if (dt <= 0) return;
    // V is held at reset while refractory, then decays.
    const free = Math.min(dt, tS - this.refractoryEndS);
    if (free > 0) this.v *= Math.exp(-free * this.invTauM);
    this.a *= Math.exp(-dt * this.invTauA);
    this.tS = tS;
  }

  /** Adds an input jump at tS; true when the neuron is at or above its threshold. */
  receive(tS: number, jumpV: number): boolean {
    this.advance(tS);
    if (tS < this.refractoryEndS) return false;
    this.v += jumpV;
    return this.v >= this.spec.thresholdV + this.a;
  }

  aboveThreshold(tS: number): boolean {
    this.advance(tS);
    return tS >= this.refractoryEndS && this.v >= this.spec.thresholdV + this.a;
  }

  fire(tS: number): void {
    this.advance(tS);
    this.v = this.spec.resetV;
    this.a += this.spec.adaptationV;
    this.refractoryEndS = tS + this.spec.refractoryS;
  }
}
