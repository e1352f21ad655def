/**
 * Cycle-to-cycle variation of a nociceptor's receptor memristor: every
 * stimulus pulse moves the device by its own random amount.
 *
 * A cycle of a receptor is one stimulus pulse: it starts at an edge that
 * raises |V| (or reverses its sign) and lasts to the next edge. Within it the
 * voltage is constant and each device component follows its first-order law
 * (src/devices/mose2.ts; the model class of nociceptor-trajectory.ts)
 *   dx_k/dt = b_k(V) (xInf_k(V) - x_k),
 *   x_k(t) = xInf_k + (x0_k - xInf_k) exp(-b_k t).
 * The varied pulse runs every component it drives at f times its rate,
 *   dx_k/dt = f b_k(V) (xInf_k(V) - x_k),
 *   x_k(t) = xInf_k + (x0_k - xInf_k) exp(-f b_k t),
 *   f = exp(s z - s^2 / 2)   (lognormal, mean 1; s the relative sigma),
 * one f per pulse for all components, z a standard normal deviate hashed
 * from (seed, receptor, pulse number) exactly as for memristor synapses
 * (src/synapses/cycle-variation.ts), so the draws do not depend on the order
 * receptors are visited in. The varied pulse is the nominal one lasting
 * f t: x_var(t) = x_nom(f t). A component is driven when its equilibrium
 * under V differs from its equilibrium at 0 V; the others (every component
 * under a read bias below the switching threshold) keep their nominal law.
 *
 * Physics: the rates of the drive are thermally activated vacancy migration,
 * r = r0 exp(-E_a / kT); a barrier E_a that differs from cycle to cycle by a
 * normal amount gives one lognormal factor on every rate of that pulse,
 * while the equilibrium a pulse drives toward (the balance of formation and
 * rupture) and the bounds 0 <= x <= 1 stay: no clipping, the trajectory is
 * in closed form and the phase integrator's bounds hold unchanged. This is
 * the synapse's per-pulse rule x -> x0 + f (x1 - x0) for pulses short beside
 * 1 / b (x1 - x0 ~ b t (xInf - x0), so the change is f times the nominal
 * one, and so is the current change: its spread is that of f, std
 * sqrt(exp(s^2) - 1) ~ s), and it leaves a saturating pulse saturated. The
 * device-to-device factors (src/devices/variation.ts) likewise scale rates
 * and keep the shape of the law. The spec's cycle-to-cycle spread of Gmax,
 * about 3.5 % (the E6 calibration notes), is a natural value of s.
 *
 * Numerical method: closed form; f is drawn once per pulse (at its rising
 * edge) and kept in the receptor's state row with the pulse count, so a row
 * is the receptor's whole state and receptors with equal rows behave
 * equally; an edge that lowers |V| sets f = 1 (nominal law). Allocates
 * nothing per pulse.
 */
import type { StateVar } from '../devices/types.ts';
import { pulseNormal } from '../synapses/cycle-variation.ts';
import type { DeviceView } from './nociceptor-trajectory.ts';

/** Per-pulse variation of a population's receptors (passed to the model as params). */
export interface ReceptorCycleSpec {
  /** Relative sigma s of the per-pulse factor (> 0). */
  readonly cycleToCycle: number;
  /** Seed of the per-pulse draws. */
  readonly cycleSeed?: number;
  /** Receptor number of the population's neuron 0 (a population of one neuron per device). */
  readonly cycleFirstIndex?: number;
}

/** The per-pulse factor f of pulse n of receptor r. */
export function pulseFactor(sigma: number, seed: number, r: number, n: number): number {
  return Math.exp(sigma * pulseNormal(seed, r, n) - 0.5 * sigma * sigma);
}

export class ReceptorCycles {
  readonly sigma: number;
  readonly seed: number;
  readonly first: number;
  /** Device equilibrium at 0 V: components equal to it under V are not driven. */
  readonly rest: Float64Array;

  constructor(spec: ReceptorCycleSpec, view: DeviceView) {
    const s = spec.cycleToCycle;
    if (!(typeof s === 'number' && s > 0 && s <= 1)) throw new Error(`nociceptor: cycle-to-cycle variation must be a relative sigma in (0, 1], got ${String(s)}`);
    this.sigma = s;
    this.seed = spec.cycleSeed ?? 0;
    this.first = spec.cycleFirstIndex ?? 0;
    this.rest = Float64Array.from(view.equilibrium(0));
  }

  /** Whether an edge from oldV to vV starts a cycle (raises |V| or reverses it). */
  rises(oldV: number, vV: number): boolean {
    return Math.abs(vV) > Math.abs(oldV) || vV * oldV < 0;
  }

  /** The factor of the pulse receptor i starts now; counts it in state[nOff]. */
  start(state: Float64Array, nOff: number, i: number): number {
    const n = state[nOff];
    state[nOff] = n + 1;
    return pulseFactor(this.sigma, this.seed, this.first + i, n);
  }

  /** State variables the variation adds to the receptor's row. */
  static readonly layout: readonly StateVar[] = [
    { name: 'pulse_f', unit: '1', description: "the present pulse's rate factor (cycle-to-cycle variation; 1 between pulses)", initial: 1, min: 0, max: Infinity },
    { name: 'pulses', unit: '1', description: 'stimulus pulses seen (counter of the per-pulse draws)', initial: 0, min: 0, max: Infinity },
  ];
}
