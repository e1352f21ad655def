/**
 * The receptor memristor over one interval of constant voltage, in closed
 * form: each state component of the device model class (src/devices: a
 * linear first-order law per component under constant voltage) follows
 *   x_k(t) = xInf_k + (x0_k - xInf_k) exp(-b_k t),
 * so the device current is I(t) = G(x(t)) K(V), with K(V) = I / G the
 * conduction factor of the voltage.
 *
 * xInf_k, b_k and K(V) are read from the compiled device through its own
 * advance and current functions (a zero state advanced by 1e15 s gives xInf;
 * unit and zero states advanced by a probe time h give exp(-b h), with h
 * chosen so b h is near 1 for each component: no cancellation), checked
 * against the device's advance from a test state (error if the model does not
 * follow the class), and cached for the last few voltages.
 *
 * Bounds (rigorous): each x_k is monotonic in t, and the conductance does not
 * fall when a component rises (all path weights and the sensitisation gain
 * are >= 0; checked at build), so for V > 0 the current on [t0, t1] lies
 * between G at the component-wise min and max of x(t0), x(t1), times K(V);
 * on [t, infinity) replace x(t1) by xInf.
 *
 * Rescaled intervals (cycle-to-cycle variation, nociceptor-cycle.ts): an
 * interval may run its driven components at f times their rates, keeping
 * xInf: still the closed form above, so every bound holds. Such an interval
 * has no voltage key (vV = NaN): the integrator's replay of identical
 * intervals (keyed on start state, voltage and span) never applies to it,
 * and the next begin selects the voltage's own rates again.
 */
import type { CompiledDevice } from '../devices/types.ts';

const SLOTS = 8;
const PROBES_S = [1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-5, 1e-3, 0.1, 10, 1e3, 1e5];

export class DeviceView {
  readonly dim: number;
  /** False when the voltage cannot drive a positive current (V <= 0): never above a positive threshold. */
  canConduct = false;
  /** Device state at the interval start (read-only for callers). */
  readonly x0: Float64Array;
  private readonly xs: Float64Array;
  private xInf: Float64Array;
  private rate: Float64Array;
  private k = 0;
  // Cache: per slot, the voltage, xInf, rates and K.
  private readonly slotV = new Float64Array(SLOTS).fill(NaN);
  private readonly slotInf: Float64Array;
  private readonly slotRate: Float64Array;
  private readonly slotK = new Float64Array(SLOTS);
  // Per-slot views, made once: selecting a slot allocates nothing.
  private readonly infOf: Float64Array[] = [];
  private readonly rateOf: Float64Array[] = [];
  private readonly scaled: Float64Array;
  private nextSlot = 0;
  /** Voltage of the interval begun. */
  vV = NaN;

  constructor(private readonly device: CompiledDevice) {
    const d = (this.dim = device.stride);
    this.x0 = new Float64Array(d);
    this.xs = new Float64Array(d);
    this.slotInf = new Float64Array(SLOTS * d);
    this.slotRate = new Float64Array(SLOTS * d);
    for (let j = 0; j < SLOTS; j++) {
      this.infOf.push(this.slotInf.subarray(j * d, (j + 1) * d));
      this.rateOf.push(this.slotRate.subarray(j * d, (j + 1) * d));
    }
    this.scaled = new Float64Array(d);
    this.xInf = this.infOf[0];
    this.rate = this.rateOf[0];
    this.checkMonotone();
  }

  /** Starts an interval from the device state at `off`, under vV. */
  begin(state: Float64Array, off: number, vV: number): void {
    const x0 = this.x0;
    for (let k = 0; k < this.dim; k++) x0[k] = state[off + k];
    if (vV !== this.vV) this.select(vV);
  }

  /**
   * The interval begun runs f times faster in every component whose
   * equilibrium differs from rest[k] (the components the voltage drives);
   * call after begin.
   */
  scaleRates(f: number, rest: Float64Array): void {
    const r = this.scaled;
    for (let k = 0; k < this.dim; k++) r[k] = this.xInf[k] === rest[k] ? this.rate[k] : f * this.rate[k];
    this.rate = r;
    this.vV = NaN;
  }

  /** Equilibrium state under vV (the view's own array: read, do not keep). */
  equilibrium(vV: number): Float64Array {
    this.select(vV);
    return this.xInf;
  }

  /**
   * Brings the device state at `off` forward by dtS along the interval's
   * closed form (its rates after scaleRates): x e + xInf (1 - e), e = exp(-b dt).
   */
  advanceState(state: Float64Array, off: number, dtS: number): void {
    const xi = this.xInf;
    const b = this.rate;
    for (let k = 0; k < this.dim; k++) state[off + k] = state[off + k] * Math.exp(-b[k] * dtS) - xi[k] * Math.expm1(-b[k] * dtS);
  }

  /** Device current t seconds into the interval. */
  currentAt(tS: number): number {
    const xs = this.xs;
    const x0 = this.x0;
    const xi = this.xInf;
    const b = this.rate;
    for (let k = 0; k < this.dim; k++) xs[k] = xi[k] + (x0[k] - xi[k]) * Math.exp(-b[k] * tS);
    return this.device.conductance(xs, 0) * this.k;
  }

  /** Device state t seconds into the interval, written to out at off. */
  stateAt(tS: number, out: Float64Array, off: number): void {
    const x0 = this.x0;
    const xi = this.xInf;
    const b = this.rate;
    for (let k = 0; k < this.dim; k++) out[off + k] = xi[k] + (x0[k] - xi[k]) * Math.exp(-b[k] * tS);
  }

  /** Upper bound of the current on [t0, t1]. */
  upperOn(t0: number, t1: number): number {
    return this.bound(t0, t1, true);
  }

  /** Lower bound of the current on [t0, t1]. */
  lowerOn(t0: number, t1: number): number {
    return this.bound(t0, t1, false);
  }

  /** Upper bound of the current on [t, infinity). */
  upperFrom(tS: number): number {
    const xs = this.xs;
    const x0 = this.x0;
    const xi = this.xInf;
    const b = this.rate;
    for (let k = 0; k < this.dim; k++) {
      const x = xi[k] + (x0[k] - xi[k]) * Math.exp(-b[k] * tS);
      xs[k] = x > xi[k] ? x : xi[k];
    }
    return this.device.conductance(xs, 0) * this.k;
  }

  /**
   * A first step (s) from tS that a smooth piece of the current can take:
   * four time constants of the fastest component still moving noticeably.
   */
  initialStepS(tS = 0): number {
    let bMax = 0;
    const x0 = this.x0;
    const xi = this.xInf;
    const b = this.rate;
    for (let k = 0; k < this.dim; k++) {
      if (Math.abs(x0[k] - xi[k]) * Math.exp(-b[k] * tS) > 1e-9 && b[k] > bMax) bMax = b[k];
    }
    return bMax > 0 ? 4 / bMax : 10;
  }

  private bound(t0: number, t1: number, upper: boolean): number {
    const xs = this.xs;
    const x0 = this.x0;
    const xi = this.xInf;
    const b = this.rate;
    for (let k = 0; k < this.dim; k++) {
      const d = x0[k] - xi[k];
      const a = xi[k] + d * Math.exp(-b[k] * t0);
      const c = xi[k] + d * Math.exp(-b[k] * t1);
      xs[k] = upper === a > c ? a : c;
    }
    return this.device.conductance(xs, 0) * this.k;
  }

  private select(vV: number): void {
    const d = this.dim;
    let s = -1;
    for (let j = 0; j < SLOTS; j++) if (this.slotV[j] === vV) s = j;
    if (s < 0) {
      s = this.nextSlot;
      this.nextSlot = (s + 1) % SLOTS;
      this.build(vV, s);
    }
    this.vV = vV;
    this.xInf = this.infOf[s];
    this.rate = this.rateOf[s];
    this.k = this.slotK[s];
    this.canConduct = this.k > 0;
  }

  private build(vV: number, s: number): void {
    const dev = this.device;
    const d = this.dim;
    const z = new Float64Array(d);
    dev.advance(z, 0, vV, 1e15);
    const xInf = this.slotInf.subarray(s * d, (s + 1) * d);
    xInf.set(z);
    const rate = this.slotRate.subarray(s * d, (s + 1) * d);
    const best = new Float64Array(d).fill(Infinity);
    for (const h of PROBES_S) {
      const u = new Float64Array(d).fill(1);
      const z0 = new Float64Array(d);
      dev.advance(u, 0, vV, h);
      dev.advance(z0, 0, vV, h);
      for (let k = 0; k < d; k++) {
        // exp(-b h) from the unit state, or 1 - exp(-b h) from the zero state: whichever is better conditioned.
        const bk = xInf[k] > 0.5 ? -Math.log1p(-z0[k] / xInf[k]) / h : -Math.log((u[k] - xInf[k]) / (1 - xInf[k])) / h;
        const q = Math.abs(Math.log(Math.max(bk * h, 1e-300)));
        if (Number.isFinite(bk) && bk >= 0 && q < best[k]) {
          best[k] = q;
          rate[k] = bk;
        }
      }
    }
    const g = dev.conductance(z, 0);
    this.slotK[s] = g > 0 ? dev.current(z, 0, vV) / g : 0;
    this.slotV[s] = vV;
    this.verify(vV, xInf, rate);
  }

  /** The closed form must reproduce the device's own advance (the model class). */
  private verify(vV: number, xInf: Float64Array, rate: Float64Array): void {
    const d = this.dim;
    for (const t of [3e-6, 2e-3, 0.37, 41]) {
      const x = new Float64Array(d).fill(0.37);
      this.device.advance(x, 0, vV, t);
      for (let k = 0; k < d; k++) {
        const y = xInf[k] + (0.37 - xInf[k]) * Math.exp(-rate[k] * t);
        if (!(Math.abs(y - x[k]) <= 1e-11 + 1e-9 * Math.abs(x[k]))) {
          throw new Error(`nociceptor: device component ${k} does not follow first-order relaxation at ${vV} V (closed form ${y}, device ${x[k]} after ${t} s); the phase integrator needs that model class`);
        }
      }
    }
  }

  private checkMonotone(): void {
    const d = this.dim;
    const x = new Float64Array(d).fill(0.5);
    const g = this.device.conductance(x, 0);
    for (let k = 0; k < d; k++) {
      x[k] = 0.9;
      const up = this.device.conductance(x, 0);
      x[k] = 0.5;
      if (!(up >= g)) throw new Error(`nociceptor: device conductance falls when component ${k} rises; the current bounds need it non-decreasing`);
    }
  }
}
