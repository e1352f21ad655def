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
 * monotone in r, so crossings are ordered by r and the logarithm is taken
 * for the earliest one only. A neuron at or above threshold now has r = 0
 * (fires at once; ties fire in ascending index). With V_inf <= V_th there is
 * no crossing unless V >= V_th already (r = 0, else Infinity).
 *
 * Earliest crossing: neurons are grouped by GROUP consecutive indices; each
 * group keeps a lower bound of its members' r (and the member it came from),
 * and a tournament tree (group-tree.ts) orders the groups. An input computes
 * the target's exact r and only touches the group when r is at or below the
 * group's bound (rare), so the common input costs a load, a multiply and two compares. Inhibitory
 * inputs can leave a bound too low; the group is rescanned exactly before its
 * member fires.
 * When t - t0 exceeds REBASE_TAU time constants, t0 moves to t and every x
 * and key is scaled by e^{-(t - t0)/tau_m} (one pass, keeps x far from overflow).
 */
import type { LifParams } from '../neurons/lif.ts';
import { LIF_DRIVE, LIF_REF, LIF_V } from '../neurons/lif.ts';
import { blockVoltage } from './lif-block-vform.ts';
import type { MemristorStore } from '../synapses/varied.ts';
import { GroupTree } from './group-tree.ts';
import type { TargetIndices } from './build.ts';

const REBASE_TAU = 20;
/** log2 of the group size: 16 (32 before) halves each rescan after a spike for ~45 % more bound updates. */
const GROUP_BITS = 4;
const GROUP = 1 << GROUP_BITS;
/** First size of the candidate buffers (lowerAll); they grow to the longest row delivered. */
const CANDIDATES = 256;

// Per-neuron hot record, all an input reads (16 bytes: 4000 neurons fit a
// 64 KiB L1 cache): x, and c = 1 / (V_inf - V_th) or 0, or -t_end while the
// neuron may be refractory until t_end > 0 (its c is then in cOf; the first
// input at or after t_end puts it back), so an input to a refractory neuron
// reads nothing else. End of refractoriness and d = V_inf - V_th live in
// cold arrays too. Half the footprint of the former 32-byte record (x, end,
// c, d) for the one random read per input; figures in bench/brian2-compare.ts.
const X = 0;
const C = 1;
const STRIDE = 2;

export class LifBlock {
  /** Interleaved hot record (X, C), STRIDE values per neuron; at index size a sentinel, refractory forever. */
  readonly rec: Float64Array;
  /** Per neuron: end of refractoriness, c and d = V_inf - V_th. */
  readonly endOf: Float64Array;
  readonly cOf: Float64Array;
  readonly dOf: Float64Array;
  readonly vInf: Float64Array;
  readonly drive: Float64Array;
  /** Per group: lower bound of its members' r, and the member (local index) it came from. */
  readonly groupKey: Float64Array;
  readonly groupArg: Int32Array;
  /** Groups ordered by groupKey (ties: lower group, i.e. lower neuron index); its keys are groupKey. */
  readonly groups: GroupTree;
  /** Candidates of the delivery loop: target and its r (see lowerAll). */
  private candJ = new Int32Array(CANDIDATES);
  private candR = new Float64Array(CANDIDATES);
  // A double from the start: a field that starts as a small integer and later
  // holds a fraction changes the object's shape, and V8 throws away every
  // optimised method of the class once (about 40 ms at benchmark 4's first rebase).
  epoch = NaN;
  private readonly tau: number;
  readonly invTau: number;
  private readonly rest: number;
  private readonly th: number;
  readonly reset: number;
  private readonly ref: number;
  private readonly r: number;
  /** e^{t_ref / tau_m}. */
  private readonly refGrowth: number;
  /** Last key whose time topTime computed, and that time (the log is taken once per new top). */
  private lastKey = NaN;
  private eAt = NaN;
  private eValue = NaN;
  private lastKeyTime = NaN;

  constructor(readonly size: number, p: LifParams) {
    this.rec = new Float64Array((size + 1) * STRIDE);
    this.rec[size * STRIDE + C] = -Infinity;
    this.endOf = new Float64Array(size).fill(-Infinity);
    this.cOf = new Float64Array(size);
    this.dOf = new Float64Array(size);
    this.vInf = new Float64Array(size);
    this.drive = new Float64Array(size);
    const ng = (size + GROUP - 1) >> GROUP_BITS;
    this.groups = new GroupTree(ng);
    this.groupKey = this.groups.key;
    this.groupArg = new Int32Array(ng).fill(-1);
    this.tau = p.tauMS;
    this.invTau = 1 / p.tauMS;
    this.rest = p.restV;
    this.th = p.thresholdV;
    this.reset = p.resetV;
    this.ref = p.refractoryS;
    this.r = p.resistanceOhm;
    this.refGrowth = Math.exp(p.refractoryS / p.tauMS);
  }

  /** Takes the V-form state (V, refractory time left, I_ext; stride 3) at t0. */
  start(state: Float64Array, t0: number): void {
    this.epoch = t0;
    for (let i = 0; i < this.size; i++) {
      const o = i * 3;
      const left = state[o + LIF_REF];
      const end = left > 0 ? t0 + left : -Infinity;
      this.endOf[i] = end;
      this.setFree(i, state[o + LIF_DRIVE], left > 0 ? this.reset : state[o + LIF_V], left > 0 ? end : t0);
      if (left > 0 && end > 0) this.rec[i * STRIDE + C] = -end;
    }
    // A rebase by a factor of exactly 1 (x unchanged) that also scans the groups: the
    // rebase path runs once here, so the optimised delivery code has seen it (else
    // the first real rebase, 20 time constants in, throws that code away: ~15 ms).
    this.maybeRebase(t0, true);
  }

  /** x of neuron i (lif-block-vform.ts reads the V form from it). */
  x(i: number): number {
    return this.rec[i * STRIDE + X];
  }

  /** E = e^{(t - epoch)/tau}, cached for the last t (a spike's check and reset share it). */
  private e(t: number): number {
    if (t !== this.eAt) {
      this.eAt = t;
      this.eValue = Math.exp((t - this.epoch) * this.invTau);
    }
    return this.eValue;
  }

  /**
   * Moves the epoch to t when it lags by more than REBASE_TAU time constants.
   * Only at events of the dynamics (inputs, drive changes, spikes), never at
   * rechecks of a bound, so the rounding does not depend on the grouping.
   */
  private maybeRebase(t: number, force = false): void {
    if (!force && t - this.epoch <= REBASE_TAU * this.tau) return;
    const f = Math.exp((this.epoch - t) * this.invTau);
    const rec = this.rec;
    for (let o = 0; o < rec.length; o += STRIDE) rec[o + X] *= f;
    this.epoch = t;
    this.lastKey = NaN;
    this.eAt = NaN;
    this.rescanAll(t);
  }

  /** x of a free trajectory passing V at time tv, with drive I (sets V_inf, c, d; c stays marked while refractory). */
  private setFree(i: number, driveA: number, v: number, tv: number): void {
    const vInf = this.rest + this.r * driveA;
    const o = i * STRIDE;
    this.drive[i] = driveA;
    this.vInf[i] = vInf;
    const d = vInf - this.th;
    const c = d > 0 ? 1 / d : 0;
    this.dOf[i] = d;
    this.cOf[i] = c;
    if (!(this.rec[o + C] < 0)) this.rec[o + C] = c;
    this.rec[o + X] = (vInf - v) * Math.exp((tv - this.epoch) * this.invTau);
  }

  /** Exact r of neuron i at t (E = e^{(t - epoch)/tau}): 0 at threshold now, Infinity if no crossing. */
  private exactKey(i: number, e: number, t: number): number {
    const c = this.cOf[i];
    const x = this.rec[i * STRIDE + X];
    if (c > 0) {
      const r = x * c;
      return r <= e ? 0 : r;
    }
    return this.endOf[i] <= t && x <= this.dOf[i] * e ? 0 : Infinity;
  }

  /** Exact minimum over group q at t (ties: lower index). */
  private rescan(q: number, e: number, t: number): void {
    const from = q << GROUP_BITS;
    const to = Math.min(this.size, from + GROUP);
    const rec = this.rec;
    let best = Infinity, arg = -1;
    const cOf = this.cOf;
    for (let i = from, o = from * STRIDE; i < to; i++, o += STRIDE) {
      const c = cOf[i];
      const r = c > 0 ? rec[o + X] * c : this.exactKey(i, e, t);
      if (r < best) {
        best = r;
        arg = i;
      }
    }
    if (best <= e && best !== 0) {
      // At threshold now: r = 0, and the lowest such index fires first.
      best = 0;
      for (let i = from; i < to; i++) {
        if (this.exactKey(i, e, t) === 0) {
          arg = i;
          break;
        }
      }
    }
    this.groupArg[q] = arg;
    this.groups.set(q, best);
  }

  private rescanAll(t: number): void {
    const e = this.e(t);
    for (let q = 0; q < this.groups.count; q++) this.rescan(q, e, t);
  }

  /** Neuron j's r fell to at most its group's bound: j becomes the bound if earlier (ties: lower index). */
  private lower(j: number, r: number): void {
    const q = j >> GROUP_BITS;
    const k = this.groupKey[q];
    if (r < k || (r === k && j < this.groupArg[q])) {
      this.groupArg[q] = j;
      if (r < k) this.groups.decrease(q, r);
    }
  }

  /**
   * Applies the spike of one presynaptic neuron to targets[from..to) at t:
   * static weights (w per synapse) or memristor synapses (w = transmit; the
   * device receives its pulse even when the target is refractory).
   */
  deliver(targets: TargetIndices, from: number, to: number, weights: Float64Array | null, mem: MemristorStore | null, t: number): void {
    this.maybeRebase(t);
    const e = this.e(t);
    if (weights !== null) this.deliverStatic(targets, from, to, weights, t, e);
    else {
      for (let k = from; k < to; k++) this.input(targets[k], mem!.transmit(k, t), t, e);
    }
  }

  /** The common case, a loop without calls: one static weight w for all synapses. */
  deliverUniform(targets: TargetIndices, from: number, to: number, w: number, t: number): void {
    this.maybeRebase(t);
    const e = this.e(t);
    const we = w * e;
    const rec = this.rec;
    const gk = this.groupKey;
    const cOf = this.cOf;
    const dOf = this.dOf;
    if (to - from > this.candJ.length) this.growCandidates(to - from);
    const candJ = this.candJ;
    const candR = this.candR;
    let n = 0;
    // Two inputs per iteration, in order (a repeated target sees the first): half
    // the loop's own overhead, 8-9 % of benchmark 4. An odd row's last second
    // target is the sentinel, so no tail loop repeats the body. Written out here:
    // a per-input function (inlined) and the loop moved to its own module each
    // measured slower (3-4 %, 13-18 %; bench/brian2-compare.ts).
    const sentinel = this.size;
    for (let k = from; k < to; k += 2) {
      const j = targets[k];
      const o = j << 1;
      let c = rec[o + C];
      if (c < 0 && t >= -c) c = rec[o + C] = cOf[j];
      if (c >= 0) {
        const x = rec[o + X] - we;
        rec[o + X] = x;
        let r = c > 0 ? x * c : x <= dOf[j] * e ? 0 : Infinity;
        if (r <= e) r = 0;
        if (r <= gk[j >> GROUP_BITS]) {
          candJ[n] = j;
          candR[n] = r;
          n++;
        }
      }
      const j2 = k + 1 < to ? targets[k + 1] : sentinel;
      const o2 = j2 << 1;
      let c2 = rec[o2 + C];
      if (c2 < 0 && t >= -c2) c2 = rec[o2 + C] = cOf[j2];
      if (c2 >= 0) {
        const x = rec[o2 + X] - we;
        rec[o2 + X] = x;
        let r = c2 > 0 ? x * c2 : x <= dOf[j2] * e ? 0 : Infinity;
        if (r <= e) r = 0;
        if (r <= gk[j2 >> GROUP_BITS]) {
          candJ[n] = j2;
          candR[n] = r;
          n++;
        }
      }
    }
    this.lowerAll(n);
  }

  /** Static weights per synapse, one loop without calls. */
  private deliverStatic(targets: TargetIndices, from: number, to: number, weights: Float64Array, t: number, e: number): void {
    const rec = this.rec;
    const gk = this.groupKey;
    const cOf = this.cOf;
    const dOf = this.dOf;
    if (to - from > this.candJ.length) this.growCandidates(to - from);
    const candJ = this.candJ;
    const candR = this.candR;
    let n = 0;
    for (let k = from; k < to; k++) {
      const j = targets[k];
      const o = j << 1;
      let c = rec[o + C];
      if (c < 0) {
        if (t < -c) continue;
        c = rec[o + C] = cOf[j];
      }
      const x = rec[o + X] - weights[k] * e;
      rec[o + X] = x;
      let r = c > 0 ? x * c : x <= dOf[j] * e ? 0 : Infinity;
      if (r <= e) r = 0;
      if (r <= gk[j >> GROUP_BITS]) {
        candJ[n] = j;
        candR[n] = r;
        n++;
      }
    }
    this.lowerAll(n);
  }

  /**
   * Inputs reaching their group's bound (~4 %) are collected by the delivery
   * loop (no call or heap update inside it) and applied here in loop order.
   * Bounds only fall during a loop, so picking against the bound before the
   * loop gives a superset that lower() filters: the bounds and the group heap
   * end as with one lower() per input.
   */
  private lowerAll(n: number): void {
    for (let m = 0; m < n; m++) this.lower(this.candJ[m], this.candR[m]);
  }

  /** Room for the candidates of a row of `inputs` synapses (once per longer row, never per event in steady state). */
  private growCandidates(inputs: number): void {
    this.candJ = new Int32Array(inputs);
    this.candR = new Float64Array(inputs);
  }

  /** One input w to neuron j at t (E = e^{(t - epoch)/tau}). */
  private input(j: number, w: number, t: number, e: number): void {
    const rec = this.rec;
    const o = j << 1;
    let c = rec[o + C];
    if (c < 0) {
      if (t < -c) return;
      c = rec[o + C] = this.cOf[j];
    }
    const x = rec[o + X] - w * e;
    rec[o + X] = x;
    let r = c > 0 ? x * c : x <= this.dOf[j] * e ? 0 : Infinity;
    if (r <= e) r = 0;
    if (r <= this.groupKey[j >> GROUP_BITS]) this.lower(j, r);
  }

  /** Changes the external drive of neuron i at t. */
  setDrive(i: number, driveA: number, t: number): void {
    this.maybeRebase(t);
    const end = this.endOf[i];
    if (t < end) this.setFree(i, driveA, this.reset, end);
    else this.setFree(i, driveA, blockVoltage(this, i, t), t);
    // r may have moved either way: rescan the group.
    this.rescan(i >> GROUP_BITS, this.e(t), t);
  }

  /** Time of the earliest crossing (not before now), or Infinity. */
  topTime(now: number): number {
    const r = this.groups.topKey;
    if (r === Infinity) return Infinity;
    if (r === 0) return now;
    if (r !== this.lastKey) {
      this.lastKey = r;
      this.lastKeyTime = this.epoch + this.tau * Math.log(r);
    }
    const t = this.lastKeyTime;
    return t > now ? t : now;
  }

  /**
   * At the top's time t: the neuron that fires now, or -1 when the group's
   * bound was too low (it is corrected; the caller re-reads topTime).
   */
  takeTop(t: number): number {
    const q = this.groups.top;
    const e = this.e(t);
    const arg = this.groupArg[q];
    // The bound is exact when its member still has that r: other members were
    // at or above it and any input that lowered one below it moved the bound.
    const r = this.exactKey(arg, e, t);
    if (r === this.groupKey[q]) return arg;
    this.rescan(q, e, t);
    return this.groupKey[q] === 0 ? this.groupArg[q] : -1;
  }

  /** Spike of neuron i (the member just returned by takeTop) at t: reset, refractory until t + t_ref. */
  fire(i: number, t: number): void {
    this.maybeRebase(t);
    const o = i * STRIDE;
    this.endOf[i] = t + this.ref;
    // Marked with its end (always after 0, except a refractory period of 0 at t = 0: no mark).
    this.rec[o + C] = this.endOf[i] > 0 ? -this.endOf[i] : this.cOf[i];
    const e = this.e(t);
    // e^{(t + t_ref - epoch)/tau} = E e^{t_ref/tau}: one exponential per spike.
    this.rec[o + X] = (this.vInf[i] - this.reset) * (e * this.refGrowth);
    this.rescan(i >> GROUP_BITS, e, t);
  }
}
