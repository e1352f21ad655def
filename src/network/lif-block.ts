/**
 * A population of plain "lif" neurons (src/neurons/lif.ts, Brette et al. 2007
 * benchmark 4) run in a time-invariant form, so a synaptic input costs an
 * add and a multiply, without exp or log.
 *
 * With V_inf = E_L + R I_ext and an epoch t0 shared by the population,
 *   x = (V_inf - V) e^{(t - t0)/tau_m}
 * is constant between events (free evolution V(t) = V_inf - x e^{-(t - t0)/tau_m}),
 * and an input w at t is
 *   x -> x - w E,   E = e^{(t - t0)/tau_m}
 * with E computed once per delivery (all targets of a spike receive at the
 * same t). While refractory (t < t_end), V is held at V_reset and inputs are
 * ignored; x then describes the free trajectory that starts at t_end:
 *   x = (V_inf - V_reset) e^{(t_end - t0)/tau_m}.
 * Threshold crossing (V_inf > V_th): V(t*) = V_th gives
 *   t* = t0 + tau_m ln(r),   r = x / (V_inf - V_th),
 * monotone in r, so the crossing heap is keyed on r and the logarithm is
 * taken for the heap's top only. A neuron at or above threshold now has key 0
 * (fires at once; ties fire in ascending index). With V_inf <= V_th there is
 * no crossing unless V >= V_th already.
 * Keys are lower bounds of the true r (inhibitory inputs leave the key
 * earlier than it should be); the top is rechecked before it fires.
 * When t - t0 exceeds REBASE_TAU time constants, t0 moves to t and every x
 * and key is scaled by e^{-(t - t0)/tau_m} (one pass, keeps x far from overflow).
 */
import type { LifParams } from '../neurons/lif.ts';
import { LIF_DRIVE, LIF_REF, LIF_V } from '../neurons/lif.ts';
import type { MemristorSynapses } from '../synapses/memristor.ts';
import { CrossingHeap } from './crossings.ts';

const REBASE_TAU = 20;

export class LifBlock {
  /** (V_inf - V) e^{(t - epoch)/tau} of the free trajectory. */
  readonly x: Float64Array;
  /** End of the refractory period (s); inputs before it are ignored. */
  readonly refEnd: Float64Array;
  /** 1 / (V_inf - V_th) when V_inf > V_th, else 0 (no free crossing). */
  readonly c: Float64Array;
  readonly vInf: Float64Array;
  readonly drive: Float64Array;
  /** Keys r, lower bounds of x c; 0 = at threshold now. */
  readonly heap: CrossingHeap;
  epoch = 0;
  private readonly tau: number;
  private readonly invTau: number;
  private readonly rest: number;
  private readonly th: number;
  private readonly reset: number;
  private readonly ref: number;
  private readonly r: number;

  constructor(readonly size: number, p: LifParams) {
    this.x = new Float64Array(size);
    this.refEnd = new Float64Array(size).fill(-Infinity);
    this.c = new Float64Array(size);
    this.vInf = new Float64Array(size);
    this.drive = new Float64Array(size);
    this.heap = new CrossingHeap(size);
    this.tau = p.tauMS;
    this.invTau = 1 / p.tauMS;
    this.rest = p.restV;
    this.th = p.thresholdV;
    this.reset = p.resetV;
    this.ref = p.refractoryS;
    this.r = p.resistanceOhm;
  }

  /** Takes the V-form state (V, refractory time left, I_ext; stride 3) at t0. */
  start(state: Float64Array, t0: number): void {
    this.epoch = t0;
    for (let i = 0; i < this.size; i++) {
      const o = i * 3;
      const left = state[o + LIF_REF];
      this.refEnd[i] = left > 0 ? t0 + left : -Infinity;
      this.setFree(i, state[o + LIF_DRIVE], left > 0 ? this.reset : state[o + LIF_V], left > 0 ? t0 + left : t0);
      this.rekey(i, 1, t0);
    }
  }

  /** Writes the V-form state at t into state (stride 3), e.g. at the end of a run slice. */
  writeState(state: Float64Array, t: number): void {
    for (let i = 0; i < this.size; i++) {
      const o = i * 3;
      state[o + LIF_V] = this.voltage(i, t);
      state[o + LIF_REF] = t < this.refEnd[i] ? this.refEnd[i] - t : 0;
      state[o + LIF_DRIVE] = this.drive[i];
    }
  }

  /** Membrane potential at t (t not before the last event of neuron i). */
  voltage(i: number, t: number): number {
    if (t < this.refEnd[i]) return this.reset;
    return this.vInf[i] - this.x[i] * Math.exp((this.epoch - t) * this.invTau);
  }

  /** A state variable by layout index (V, refractory_s, I_ext) at t. */
  sample(i: number, variable: number, t: number): number {
    if (variable === LIF_V) return this.voltage(i, t);
    if (variable === LIF_REF) return t < this.refEnd[i] ? this.refEnd[i] - t : 0;
    return this.drive[i];
  }

  /** Moves the epoch to t when it lags by more than REBASE_TAU time constants. */
  private rebase(t: number): void {
    const f = Math.exp((this.epoch - t) * this.invTau);
    const x = this.x;
    for (let i = 0; i < this.size; i++) x[i] *= f;
    this.heap.scaleKeys(f);
    this.epoch = t;
  }

  /** x of a free trajectory passing V at time tv, with drive I (sets V_inf and c). */
  private setFree(i: number, driveA: number, v: number, tv: number): void {
    const vInf = this.rest + this.r * driveA;
    this.drive[i] = driveA;
    this.vInf[i] = vInf;
    this.c[i] = vInf > this.th ? 1 / (vInf - this.th) : 0;
    this.x[i] = (vInf - v) * Math.exp((tv - this.epoch) * this.invTau);
  }

  /** Sets the exact key of neuron i at t, given E = e^{(t - epoch)/tau} (any direction). */
  private rekey(i: number, e: number, t: number): void {
    this.heap.set(i, this.exactKey(i, e, t));
  }

  private exactKey(i: number, e: number, t: number): number {
    const ci = this.c[i];
    const x = this.x[i];
    if (ci > 0) {
      const r = x * ci;
      return r <= e ? 0 : r;
    }
    // V_inf <= V_th: fires only if at threshold now (and not refractory).
    return this.refEnd[i] <= t && x <= (this.vInf[i] - this.th) * e ? 0 : Infinity;
  }

  /**
   * Applies the spike of one presynaptic neuron to targets[from..to) at t:
   * static weights (w per synapse) or memristor synapses (w = transmit).
   */
  deliver(targets: Int32Array, from: number, to: number, weights: Float64Array | null, mem: MemristorSynapses | null, t: number): void {
    if (t - this.epoch > REBASE_TAU * this.tau) this.rebase(t);
    const e = Math.exp((t - this.epoch) * this.invTau);
    const x = this.x;
    const refEnd = this.refEnd;
    const c = this.c;
    const heap = this.heap;
    const key = heap.time;
    for (let k = from; k < to; k++) {
      const j = targets[k];
      if (t < refEnd[j]) continue;
      const w = weights !== null ? weights[k] : mem!.transmit(k, t);
      const xj = x[j] - w * e;
      x[j] = xj;
      const cj = c[j];
      if (cj > 0) {
        if (w > 0) {
          // Excitatory: the crossing can only move earlier; a stale (earlier) key stays.
          let r = xj * cj;
          if (r <= e) r = 0;
          if (r < key[j]) heap.decrease(j, r);
        }
      } else if (w > 0 && key[j] !== 0) this.rekey(j, e, t);
    }
  }

  /** Changes the external drive of neuron i at t. */
  setDrive(i: number, driveA: number, t: number): void {
    if (t - this.epoch > REBASE_TAU * this.tau) this.rebase(t);
    const end = this.refEnd[i];
    if (t < end) this.setFree(i, driveA, this.reset, end);
    else this.setFree(i, driveA, this.voltage(i, t), t);
    this.rekey(i, Math.exp((t - this.epoch) * this.invTau), t);
  }

  /** Time of the earliest crossing (not before now), or Infinity. */
  topTime(now: number): number {
    const g = this.heap.top;
    if (g < 0) return Infinity;
    const r = this.heap.time[g];
    if (r === Infinity) return Infinity;
    if (r === 0) return now;
    const t = this.epoch + this.tau * Math.log(r);
    return t > now ? t : now;
  }

  /**
   * At the top's time t: the neuron that fires now (its key is exact), or -1
   * when the key was stale (it moved later; the caller re-reads topTime).
   */
  takeTop(t: number): number {
    const i = this.heap.top;
    const exact = this.exactKey(i, Math.exp((t - this.epoch) * this.invTau), t);
    if (exact !== this.heap.time[i] && exact !== 0) {
      this.heap.set(i, exact);
      return -1;
    }
    return i;
  }

  /** Spike of neuron i at t: reset, refractory until t + t_ref, next crossing from there. */
  fire(i: number, t: number): void {
    if (t - this.epoch > REBASE_TAU * this.tau) this.rebase(t);
    const end = t + this.ref;
    this.refEnd[i] = end;
    this.x[i] = (this.vInf[i] - this.reset) * Math.exp((end - this.epoch) * this.invTau);
    const ci = this.c[i];
    this.heap.set(i, ci > 0 ? this.x[i] * ci : Infinity);
  }
}
