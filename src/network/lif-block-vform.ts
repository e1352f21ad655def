/**
 * Reading a LIF block (lif-block.ts) in the V form of src/neurons/lif.ts:
 * membrane potential, refractory time left and drive of a neuron at t, and
 * the whole population's state at the end of a run slice. From the block's
 * time-invariant state: V(t) = V_inf - x e^{-(t - t0)/tau_m}, held at V_reset
 * while t < t_end. Cold paths (probes, slice ends, drive changes).
 */
import { LIF_DRIVE, LIF_REF, LIF_V } from '../neurons/lif.ts';
import type { LifBlock } from './lif-block.ts';

/** Membrane potential of neuron i at t (t not before its last event). */
export function blockVoltage(b: LifBlock, i: number, t: number): number {
  if (t < b.endOf[i]) return b.reset;
  return b.vInf[i] - b.x(i) * Math.exp((b.epoch - t) * b.invTau);
}

/** A state variable of neuron i by layout index (V, refractory_s, I_ext) at t. */
export function blockSample(b: LifBlock, i: number, variable: number, t: number): number {
  if (variable === LIF_V) return blockVoltage(b, i, t);
  const end = b.endOf[i];
  if (variable === LIF_REF) return t < end ? end - t : 0;
  return b.drive[i];
}

/** Writes the V-form state at t into state (stride 3), e.g. at the end of a run slice. */
export function writeBlockState(b: LifBlock, state: Float64Array, t: number): void {
  for (let i = 0; i < b.size; i++) {
    const o = i * 3;
    state[o + LIF_V] = blockVoltage(b, i, t);
    state[o + LIF_REF] = blockSample(b, i, LIF_REF, t);
    state[o + LIF_DRIVE] = b.drive[i];
  }
}
