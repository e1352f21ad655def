/**
 * Plug-in interface of spike-based learning rules.
 *
 * A rule keeps exponentially decaying traces per presynaptic neuron and per
 * postsynaptic neuron, and optionally a few numbers per synapse. Traces only
 * decay between spikes (x(t + dt) = x(t) exp(-dt / tau)), so they are brought
 * forward lazily, exactly, when a spike touches them. The engine
 * (engine.ts) owns the flat arrays and the clocks; a rule only supplies
 *   - its parameters and state layouts (drive reset and recording),
 *   - the exact decay of one neuron's traces over dt,
 *   - the weight change at one synapse on a presynaptic or postsynaptic spike
 *     (traces already brought forward to the spike, not yet incremented),
 *   - the trace increments of the spiking neuron.
 * Weight changes are returned in normalised weight units (a weight range of
 * 1); what turns them into a device change (programming pulses) is the
 * WeightActuator's business, so the same rule runs on any synapse.
 *
 * Everything is plain functions over Float64Arrays and offsets: no allocation
 * and no closures per event.
 */
import type { StateVar } from '../devices/types.ts';

export type RuleParams = Readonly<Record<string, number | string | boolean>>;

export interface CompiledRule<P extends RuleParams = RuleParams> {
  readonly name: string;
  readonly params: P;
  /** Traces per presynaptic neuron (stride = length). */
  readonly preLayout: readonly StateVar[];
  /** Traces per postsynaptic neuron. */
  readonly postLayout: readonly StateVar[];
  /** Extra state per synapse (often empty). */
  readonly synapseLayout: readonly StateVar[];
  /** Exact free decay of one presynaptic neuron's traces over dtS (> 0). */
  decayPre(pre: Float64Array, off: number, dtS: number): void;
  decayPost(post: Float64Array, off: number, dtS: number): void;
  /**
   * Weight change at one synapse when its presynaptic neuron spikes. `w` is
   * the present normalised weight (for weight-dependent rules).
   */
  onPre(pre: Float64Array, preOff: number, post: Float64Array, postOff: number, syn: Float64Array, synOff: number, w: number): number;
  /** Weight change at one synapse when its postsynaptic neuron spikes. */
  onPost(pre: Float64Array, preOff: number, post: Float64Array, postOff: number, syn: Float64Array, synOff: number, w: number): number;
  /** Trace increments of a presynaptic neuron that spiked (after all onPre calls). */
  bumpPre(pre: Float64Array, off: number): void;
  bumpPost(post: Float64Array, off: number): void;
}

export interface RuleModel<P extends RuleParams> {
  readonly name: string;
  /** One line: what the rule is and where it comes from. */
  readonly description: string;
  readonly defaults: P;
  /** Checks params (throws a one-line error naming the field) and compiles. */
  compile(params: Partial<P>): CompiledRule<P>;
}

/**
 * Where weight changes go: a memristive synapse turns them into programming
 * pulses, a plain synapse adds them. `apply` returns the weight change that
 * actually happened (bounds and device nonlinearity included).
 */
export interface WeightActuator {
  /** Present normalised weight of synapse s at time tS. */
  weight(s: number, tS: number): number;
  apply(s: number, dw: number, tS: number): number;
}

/** Builds a StateVar for a dimensionless trace. */
export function traceVar(name: string, description: string): StateVar {
  return { name, unit: '1', description, initial: 0, min: 0, max: Infinity };
}

/** Throws a one-line error unless params[key] is a finite number >= min (> min when strict). */
export function checkParam(rule: string, key: string, v: unknown, min = -Infinity, strict = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (strict && v === min)) {
    throw new Error(`plasticity rule "${rule}": parameter "${key}" must be a finite number ${strict ? '>' : '>='} ${min}, got ${String(v)}`);
  }
  return v;
}
