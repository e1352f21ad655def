/**
 * Event-driven firing of a memristive nociceptor: the integral of its firing
 * rate over an interval of constant stimulus voltage.
 *
 * Rate law (a saturating, threshold-linear transduction, as in the spec's
 * "Nociceptor behaviour": no output below I_nox, more output further above):
 *   r(I) = 0                                   for I <= I_nox
 *   r(I) = r_max (I - I_nox) / (I - I_nox + I_half)   for I >  I_nox
 * The phase obeys d(phi)/dt = r(I(t)); a spike is emitted when phi reaches 1
 * (then phi <- 0).
 *
 * I(t) is known in closed form at every instant of a constant-voltage
 * interval (the device model advances exactly), but its integral through the
 * rate law is not. We integrate with 5-point Gauss-Legendre quadrature on
 * steps that grow geometrically from the interval start (first step 5 ms,
 * then a quarter of the elapsed time, at most 10 s), each step checked by
 * step doubling and halved until two estimates agree to 1e-10 (absolute, in
 * phase units) + 1e-8 (relative). The kink of r at I = I_nox is located by
 * bisection on the closed form (to 1e-12 s) and quadrature never straddles it.
 * A spike time inside a step is found by safeguarded Newton iteration on
 * acc + int r = 1 (to 1e-12 s), carrying the integral from iterate to iterate. No fixed time grid is used.
 *
 * Early exit: each state component of the device model relaxes monotonically
 * towards its constant-voltage asymptote, and the conductance does not fall
 * when a component rises, so the current over the rest of the interval is
 * bounded by the current at the component-wise maximum of (now, asymptote).
 * When that bound is below I_nox, no spike can come: the delay is Infinity.
 */
import type { CompiledDevice } from '../devices/types.ts';

/** Gauss-Legendre nodes on [0, 1] and weights (sum 1), 5 points. */
const GL_X = [0.04691007703066800, 0.23076534494715845, 0.5, 0.76923465505284155, 0.95308992296933200];
const GL_W = [0.11846344252809454, 0.23931433524968324, 0.28444444444444444, 0.23931433524968324, 0.11846344252809454];

const FIRST_STEP_S = 0.005;
const MAX_STEP_S = 10;
const MAX_HORIZON_S = 1e5;
const ABS_TOL = 1e-10;
const REL_TOL = 1e-8;
const MAX_DEPTH = 24;
const TIME_TOL_S = 1e-12;

export interface RateLaw {
  readonly thresholdA: number;
  readonly maxRateHz: number;
  readonly halfRateA: number;
}

export function firingRate(law: RateLaw, currentA: number): number {
  const over = currentA - law.thresholdA;
  return over > 0 ? (law.maxRateHz * over) / (over + law.halfRateA) : 0;
}

/**
 * Integrator bound to one compiled device and rate law. It works on a copy of
 * the device state taken at the start of the interval (`x0`) and evaluates
 * I(t) as current(advance(x0, t)), exact for the model class.
 */
export class PhaseIntegrator {
  private readonly x0: Float64Array;
  private readonly xe: Float64Array;
  private readonly xb: Float64Array;
  private vV = 0;

  constructor(private readonly device: CompiledDevice, private readonly law: RateLaw) {
    this.x0 = new Float64Array(device.stride);
    this.xe = new Float64Array(device.stride);
    this.xb = new Float64Array(device.stride);
  }

  /** Starts an interval: device state at `off` in `state`, voltage vV. */
  begin(state: Float64Array, off: number, vV: number): void {
    for (let k = 0; k < this.x0.length; k++) this.x0[k] = state[off + k];
    this.vV = vV;
  }

  /** Device current t seconds into the interval. */
  currentAt(tS: number): number {
    const xe = this.xe;
    xe.set(this.x0);
    this.device.advance(xe, 0, this.vV, tS);
    return this.device.current(xe, 0, this.vV);
  }

  private rateAt(tS: number): number {
    return firingRate(this.law, this.currentAt(tS));
  }

  /**
   * Largest current the rest of the interval can reach, seen from tS: the
   * current at the component-wise maximum of x(tS) and x(infinity).
   */
  private currentBound(tS: number): number {
    const xe = this.xe;
    const xb = this.xb;
    xb.set(this.x0);
    this.device.advance(xb, 0, this.vV, 1e12);
    xe.set(this.x0);
    this.device.advance(xe, 0, this.vV, tS);
    for (let k = 0; k < xb.length; k++) if (xe[k] > xb[k]) xb[k] = xe[k];
    return this.device.current(xb, 0, this.vV);
  }

  private gl(a: number, b: number): number {
    const h = b - a;
    let s = 0;
    for (let j = 0; j < 5; j++) s += GL_W[j] * this.rateAt(a + GL_X[j] * h);
    return s * h;
  }

  /** Adaptive integral of r over [a, b], which contains no threshold crossing at its ends' sides. */
  private adaptive(a: number, b: number, whole: number, depth: number): number {
    const m = 0.5 * (a + b);
    const left = this.gl(a, m);
    const right = this.gl(m, b);
    const two = left + right;
    if (depth >= MAX_DEPTH || Math.abs(two - whole) <= ABS_TOL + REL_TOL * Math.abs(two)) return two;
    return this.adaptive(a, m, left, depth + 1) + this.adaptive(m, b, right, depth + 1);
  }

  /** Time in (a, b] where I - I_nox changes sign, given opposite signs at the ends. */
  private crossing(a: number, b: number, aboveAtA: boolean): number {
    const th = this.law.thresholdA;
    let lo = a;
    let hi = b;
    while (hi - lo > TIME_TOL_S && hi - lo > 1e-15 * hi) {
      const mid = 0.5 * (lo + hi);
      if (this.currentAt(mid) > th === aboveAtA) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** Integral of r over [a, b] with the threshold kink handled. */
  private piece(a: number, b: number): number {
    const th = this.law.thresholdA;
    const upA = this.currentAt(a) > th;
    const upB = this.currentAt(b) > th;
    if (upA !== upB) {
      const c = this.crossing(a, b, upA);
      return (upA ? this.adaptive(a, c, this.gl(a, c), 0) : 0) + (upB ? this.adaptive(c, b, this.gl(c, b), 0) : 0);
    }
    return this.adaptive(a, b, this.gl(a, b), 0);
  }

  /** Integral of r over [0, durationS] of the current interval. */
  integral(durationS: number): number {
    if (!(durationS > 0)) return 0;
    if (this.currentBound(0) <= this.law.thresholdA) return 0;
    let t = 0;
    let acc = 0;
    while (t < durationS) {
      const h = Math.min(stepAfter(t), durationS - t);
      acc += this.piece(t, t + h);
      t += h;
      if (t < durationS && this.currentBound(t) <= this.law.thresholdA) break;
    }
    return acc;
  }

  /**
   * Time until the integral of r from 0 reaches `need` (> 0), or Infinity when
   * the current can no longer exceed I_nox or MAX_HORIZON_S passes first.
   */
  timeToReach(need: number): number {
    if (!(need > 0)) return 0;
    let t = 0;
    let acc = 0;
    while (t < MAX_HORIZON_S) {
      if (this.currentBound(t) <= this.law.thresholdA) return Infinity;
      const h = stepAfter(t);
      const inc = this.piece(t, t + h);
      if (acc + inc >= need) return this.solveInStep(t, t + h, need - acc, inc);
      acc += inc;
      t += h;
    }
    return Infinity;
  }

  /**
   * Time until the current first rises above I_nox (0 if it already is above),
   * or Infinity when it cannot within MAX_HORIZON_S.
   */
  timeToOnset(): number {
    const th = this.law.thresholdA;
    if (this.currentAt(0) > th) return 0;
    let t = 0;
    while (t < MAX_HORIZON_S) {
      if (this.currentBound(t) <= th) return Infinity;
      const h = stepAfter(t);
      // Check the quadrature nodes too, so a brief excursion inside the step is seen.
      let prev = t;
      for (let j = 0; j <= 5; j++) {
        const s = j < 5 ? t + GL_X[j] * h : t + h;
        if (this.currentAt(s) > th) return this.crossing(prev, s, false);
        prev = s;
      }
      t += h;
    }
    return Infinity;
  }

  /**
   * Solves int_a^T r = need for T in [a, b] (the step holding the spike;
   * `whole` = int_a^b r >= need). Safeguarded Newton from the linear guess;
   * the integral is carried from iterate to iterate, adding the integral over
   * the short span between them, so each iterate costs one short quadrature
   * and the quadrature error does not change from one iterate to the next.
   */
  private solveInStep(a: number, b: number, need: number, whole: number): number {
    let lo = a;
    let hi = b;
    let t = whole > 0 ? a + (b - a) * Math.min(1, need / whole) : a + 0.5 * (b - a);
    if (!(t > a && t < b)) t = a + 0.5 * (b - a);
    let acc = this.piece(a, t);
    for (let it = 0; it < 100; it++) {
      const f = acc - need;
      if (f >= 0) hi = t;
      else lo = t;
      const r = this.rateAt(t);
      // Converged: the Newton step is below the tolerance (checked before the bracket
      // test, which would otherwise bisect when the root sits on the bracket's end).
      if (r > 0 && Math.abs(f / r) <= TIME_TOL_S) return t - f / r;
      let next = r > 0 ? t - f / r : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (hi - lo <= TIME_TOL_S) return next;
      acc += next > t ? this.piece(t, next) : -this.piece(next, t);
      t = next;
    }
    return hi;
  }
}

/** Length of the quadrature step that starts tS into an interval. */
function stepAfter(tS: number): number {
  return Math.min(MAX_STEP_S, Math.max(FIRST_STEP_S, 0.25 * tS));
}
