/**
 * Short-term facilitation left by one programming event on a memristive
 * synapse: the part of the weight a potentiating request dw adds at once but
 * loses as the device's volatile components relax,
 *   d(t) = w(t0 + t) - w_idle(t0 + t),   v(t) = d(t) - d(settle)
 * (weights read from the device, MemristiveWeights), measured with the device
 * model from synapses programmed to a reference weight; the idle twin, never
 * programmed after t0, removes the slow drift of the lasting state. Returned: v(0), and the time v takes to fall to v(0) / e (linear
 * interpolation on a 1 ms grid). A device without volatile conductance gives
 * v(0) ~ 0 (the lasting change's drift over the settle time only).
 */
import { MemristiveWeights, calibrateDevice, type MemristiveWeightsSpec } from './memristive-weights.ts';

export interface VolatileResponse {
  /** Volatile weight right after the event (normalised weight units). */
  readonly initialWeight: number;
  /** Time (s) for the volatile weight to fall to 1/e of initialWeight. */
  readonly decayS: number;
  /** Pulses the event applied. */
  readonly pulses: number;
}

/** Rest before the event and after it for the volatile part to be gone (s). */
const SETTLE_S = 10;
const GRID_S = 1e-3;

export function volatileResponse(spec: MemristiveWeightsSpec, referenceWeight: number, dw: number): VolatileResponse {
  if (!(dw > 0)) throw new Error(`volatile response: dw must be a potentiating request > 0, got ${dw}`);
  const one = { ...spec, synapses: 1, initialWeight: referenceWeight };
  // Synapse 0 is programmed at t0, synapse 1 stays idle; reads go forward in
  // time only (devices relax lazily), so the settled difference comes from a second pair.
  const pair = (): MemristiveWeights => new MemristiveWeights({ ...one, synapses: 2 }, cal);
  const cal = calibrateDevice(one);
  const syn = pair();
  const ahead = pair();
  syn.apply(0, dw, SETTLE_S);
  ahead.apply(0, dw, SETTLE_S);
  const diff = (w: MemristiveWeights, tS: number): number => w.weight(0, tS) - w.weight(1, tS);
  const settled = diff(ahead, 2 * SETTLE_S);
  const v0 = diff(syn, SETTLE_S) - settled;
  if (!(v0 > 1e-9)) return { initialWeight: Math.max(0, v0), decayS: 0, pulses: syn.potPulses };
  const target = v0 / Math.E;
  let prev = v0;
  for (let k = 1; k * GRID_S <= SETTLE_S; k++) {
    const v = diff(syn, SETTLE_S + k * GRID_S) - settled;
    if (v <= target) return { initialWeight: v0, decayS: (k - 1 + (prev - target) / (prev - v)) * GRID_S, pulses: syn.potPulses };
    prev = v;
  }
  return { initialWeight: v0, decayS: SETTLE_S, pulses: syn.potPulses };
}
