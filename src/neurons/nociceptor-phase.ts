/**
 * Event-driven firing of a memristive nociceptor: the integral of its firing
 * rate over an interval of constant stimulus voltage, and the spike times in it.
 *
 * Rate law (threshold, graded, not saturated at noxious currents):
 *   r(I) = 0                                          for I <= I_nox
 *   r(I) = r_max (I - I_nox) / (I - I_nox + I_half)    for I >  I_nox
 * The phase obeys d(phi)/dt = r(I(t)); a spike is emitted when phi reaches 1
 * (then phi <- 0). With I_half far above the currents a 7 V stimulus drives
 * (see nociceptorDefaults), r keeps growing with I across the noxious range.
 *
 * The device (first-order per component under constant voltage, the model
 * class of src/devices) gives each component in closed form,
 *   x_k(t) = xInf_k + (x0_k - xInf_k) exp(-b_k t),
 * read from the device once per voltage (DeviceView, nociceptor-trajectory.ts), so I(t)
 * costs one exponential per component. Because each x_k is monotonic in t and
 * the current is non-decreasing in every component (V > 0), the current on
 * any [t0, t1] lies between its values at the component-wise min and max of
 * x(t0) and x(t1): a rigorous bound, used (a) to prove that no stretch of an
 * interval is above I_nox (no spike, no onset can hide there), and (b) to
 * find every rise above I_nox, however brief, by branch and bound.
 *
 * Numerical method (accurate to a stated tolerance, not exact): the interval
 * is cut at every crossing of I_nox (located by the bound-based search to
 * 1e-13 s) into pieces where r is smooth; on each piece r is interpolated at
 * N = 16 Chebyshev points, and the piece is accepted when the two last
 * Chebyshev coefficients times the piece length are below 1e-12 + 1e-12 phi
 * (else it is halved); the interpolant's antiderivative is the phase. Spike
 * times solve phi(T) = 1 by Newton's method on that polynomial (to 1e-14 s),
 * so a spike costs a few dozen floating-point operations and no evaluation of
 * the device; a whole burst in one constant-voltage interval is produced in
 * one pass (burst), and an interval identical to the last one computed (same
 * device state bit for bit, voltage and span: receptors of a uniform region)
 * reuses its pieces. Spike times agree with a fine reference to better than
 * 1e-9 s (test/neurons/nociceptor-phase.test.ts). No allocation per call
 * (the piece table grows only past its largest interval so far).
 */
import type { CompiledDevice } from '../devices/types.ts';
import { DeviceView } from './nociceptor-trajectory.ts';

export interface RateLaw {
  readonly thresholdA: number;
  readonly maxRateHz: number;
  readonly halfRateA: number;
}

export function firingRate(law: RateLaw, currentA: number): number {
  const over = currentA - law.thresholdA;
  return over > 0 ? (law.maxRateHz * over) / (over + law.halfRateA) : 0;
}

const N = 16;
const NODE = new Float64Array(N);
const COS = new Float64Array(N * N);
for (let j = 0; j < N; j++) NODE[j] = Math.cos((Math.PI * (j + 0.5)) / N);
for (let k = 0; k < N; k++) for (let j = 0; j < N; j++) COS[k * N + j] = Math.cos((Math.PI * k * (j + 0.5)) / N);

const ABS_TOL = 1e-12;
const REL_TOL = 1e-12;
const TIME_TOL_S = 1e-13;
const NEWTON_TOL_S = 1e-14;
const MAX_HORIZON_S = 1e5;
const MIN_STEP_S = 1e-9;
/** Numbers kept per fitted piece: start, half length, phase increment, N coefficients, N + 1 of the antiderivative. */
const REC = 3 + N + N + 1;

/** Clenshaw sum of sum_k c[k] T_k(x), k < n. */
function clenshaw(c: Float64Array, n: number, x: number): number {
  let b1 = 0;
  let b2 = 0;
  const x2 = 2 * x;
  for (let k = n - 1; k >= 1; k--) {
    const b0 = c[k] + x2 * b1 - b2;
    b2 = b1;
    b1 = b0;
  }
  return c[0] + x * b1 - b2;
}

/** Integrator bound to one compiled device and rate law; works on a copy of the state. */
export class PhaseIntegrator {
  readonly view: DeviceView;
  /** Phase at the end of the span of the last burst() (valid when it returned fewer spikes than asked). */
  endPhase = 0;
  private readonly th: number;
  private readonly fv = new Float64Array(N);
  private readonly a = new Float64Array(N);
  private readonly A = new Float64Array(N + 1);
  private half = 0;
  private pieceInc = 0;

  constructor(device: CompiledDevice, private readonly law: RateLaw) {
    this.view = new DeviceView(device);
    this.th = law.thresholdA;
  }

  /** Starts an interval: device state at `off` in `state`, voltage vV. */
  begin(state: Float64Array, off: number, vV: number): void {
    this.view.begin(state, off, vV);
  }

  /** Device current t seconds into the interval. */
  currentAt(tS: number): number {
    return this.view.currentAt(tS);
  }

  /**
   * First time in [t0, t1] at which I > I_nox, or -1 (given I(t0) <= I_nox or
   * not): branch and bound on the rigorous upper bound, left half first; a
   * contact shorter than TIME_TOL_S that does not reach above at a node is ignored.
   */
  firstAbove(t0: number, t1: number): number {
    const v = this.view;
    if (v.upperOn(t0, t1) <= this.th) return -1;
    if (v.currentAt(t0) > this.th) return t0;
    if (t1 - t0 <= TIME_TOL_S + 1e-16 * t1) return v.currentAt(t1) > this.th ? t1 : -1;
    const m = 0.5 * (t0 + t1);
    const left = this.firstAbove(t0, m);
    return left >= 0 ? left : this.firstAbove(m, t1);
  }

  /** First time in [t0, t1] at which I <= I_nox, or -1 (rigorous lower bound). */
  private firstNotAbove(t0: number, t1: number): number {
    const v = this.view;
    if (v.lowerOn(t0, t1) > this.th) return -1;
    if (v.currentAt(t0) <= this.th) return t0;
    if (t1 - t0 <= TIME_TOL_S + 1e-16 * t1) return v.currentAt(t1) <= this.th ? t1 : -1;
    const m = 0.5 * (t0 + t1);
    const left = this.firstNotAbove(t0, m);
    return left >= 0 ? left : this.firstNotAbove(m, t1);
  }

  /** Chebyshev interpolant of r on [t0, t1]; false when the tail test fails. */
  private fit(t0: number, t1: number): boolean {
    const half = 0.5 * (t1 - t0);
    const mid = t0 + half;
    const fv = this.fv;
    const v = this.view;
    const law = this.law;
    for (let j = 0; j < N; j++) fv[j] = firingRate(law, v.currentAt(mid + half * NODE[j]));
    const a = this.a;
    for (let k = 0; k < N; k++) {
      let s = 0;
      const row = k * N;
      for (let j = 0; j < N; j++) s += fv[j] * COS[row + j];
      a[k] = (k === 0 ? 1 : 2) * s / N;
    }
    const tail = (Math.abs(a[N - 1]) + Math.abs(a[N - 2])) * 2 * half;
    if (!(tail <= ABS_TOL + REL_TOL * Math.abs(a[0]) * 2 * half) && half > MIN_STEP_S) return false;
    // Antiderivative from -1: A_1 = a_0 - a_2/2, A_k = (a_{k-1} - a_{k+1}) / 2k.
    const A = this.A;
    let alt = 0;
    let sum = 0;
    for (let k = 1; k <= N; k++) {
      const prev = k === 1 ? 2 * a[0] : a[k - 1];
      const next = k + 1 < N ? a[k + 1] : 0;
      A[k] = (prev - next) / (2 * k);
      alt += k % 2 === 1 ? -A[k] : A[k];
      sum += A[k];
    }
    A[0] = -alt;
    this.half = half;
    this.pieceInc = (A[0] + sum) * half;
    return true;
  }

  /** Guess (in [-1, 1]) for the next spike of the piece: one phase unit after the last, at its slope. */
  private nextGuess = NaN;

  /**
   * Time in the fitted piece [t0, t0 + 2 half] at which its phase increment
   * equals q (0 < q <= pieceInc): safeguarded Newton on the antiderivative,
   * from `guess` (or linear interpolation when NaN).
   */
  private solve(t0: number, q: number, guess: number): number {
    const half = this.half;
    const A = this.A;
    const a = this.a;
    let lo = -1;
    let hi = 1;
    let x = guess > -1 && guess < 1 ? guess : -1 + (2 * q) / this.pieceInc;
    if (!(x > -1 && x < 1)) x = 0;
    let d = 0;
    for (let it = 0; it < 60; it++) {
      const f = clenshaw(A, N + 1, x) * half - q;
      if (f >= 0) hi = x;
      else lo = x;
      d = clenshaw(a, N, x) * half;
      let nx = d > 0 ? x - f / d : 0.5 * (lo + hi);
      if (!(nx >= lo && nx <= hi)) nx = 0.5 * (lo + hi);
      const step = Math.abs(nx - x) * half;
      x = nx;
      if (step <= NEWTON_TOL_S || (hi - lo) * half <= NEWTON_TOL_S) break;
    }
    this.nextGuess = d > 0 ? x + 1 / d : NaN;
    return t0 + (x + 1) * half;
  }

  /**
   * The phase from phi0 over [0, durationS] of the interval begun, with a
   * spike (phi -> 0) at each time phi reaches 1. Writes the spike times (s
   * from the interval start, ascending) to out[outOffset..] and returns their number.
   * Stops at maxSpikes (room in out from outOffset): then the list may be cut short and
   * endPhase is NaN; else endPhase is the phase at durationS. maxSpikes = 0:
   * no resets, endPhase is phi0 plus the whole integral.
   */
  burst(phi0: number, durationS: number, out: Float64Array | null, maxSpikes: number, outOffset = 0): number {
    const v = this.view;
    const th = this.th;
    this.endPhase = phi0;
    if (!(durationS > 0) || !v.canConduct) return 0;
    if (this.cached(durationS)) return this.replay(phi0, out, maxSpikes, outOffset);
    this.keyOk = false;
    this.tabN = 0;
    this.acc = phi0;
    this.n = 0;
    if (v.upperFrom(0) <= th) {
      this.remember(durationS);
      return 0;
    }
    let t = 0;
    let h = Math.min(durationS, v.initialStepS(0));
    while (t < durationS) {
      let b = Math.min(t + h, durationS);
      if (v.currentAt(t) <= th) {
        if (v.upperFrom(t) <= th) break;
        const c = this.firstAbove(t, b);
        if (c < 0) {
          t = b;
          h *= 2;
          continue;
        }
        t = c;
        h = Math.min(durationS - t, v.initialStepS(t));
        if (!(h > 0)) break;
        b = Math.min(t + h, durationS);
      }
      const dip = this.firstNotAbove(t, b);
      if (dip > t) b = dip;
      if (!this.fit(t, b)) {
        h = 0.5 * (b - t);
        continue;
      }
      this.record(t);
      if (!this.spikesInPiece(t, out, maxSpikes, outOffset)) return this.n;
      h = 2 * (b - t);
      t = b;
    }
    this.remember(durationS);
    this.endPhase = this.acc;
    return this.n;
  }

  // Running phase and spike count of the burst being produced.
  private acc = 0;
  private n = 0;

  /** Spikes inside the fitted piece starting at t0; false when maxSpikes is reached (endPhase NaN). */
  private spikesInPiece(t0: number, out: Float64Array | null, maxSpikes: number, outOffset: number): boolean {
    const inc = this.pieceInc;
    if (maxSpikes > 0) {
      let guess = NaN;
      // Spike k of the piece where the phase reaches 1 again after the one before.
      while (this.acc + inc >= 1) {
        out![outOffset + this.n++] = this.solve(t0, 1 - this.acc, guess);
        guess = this.nextGuess;
        this.acc -= 1;
        if (this.n >= maxSpikes) {
          this.endPhase = NaN;
          return false;
        }
      }
    }
    this.acc += inc;
    return true;
  }

  /*
   * Replay of identical intervals: the fitted pieces of the last interval
   * computed to its end are kept with its start state, voltage and span. An
   * interval that starts from the bitwise same device state, voltage and span
   * (receptors sharing a stimulus and a device state: a uniform region) has
   * the same pieces, whatever its phase, so only the spike times are solved:
   * the results are identical to computing it again.
   */
  private readonly keyX = new Float64Array(64);
  private keyV = NaN;
  private keyD = NaN;
  private keyOk = false;
  private tab = new Float64Array(64 * REC);
  private tabN = 0;

  private cached(durationS: number): boolean {
    if (!this.keyOk || durationS !== this.keyD || this.view.vV !== this.keyV) return false;
    const x0 = this.view.x0;
    for (let k = 0; k < x0.length; k++) if (x0[k] !== this.keyX[k]) return false;
    return true;
  }

  private remember(durationS: number): void {
    const x0 = this.view.x0;
    if (x0.length > this.keyX.length) return;
    for (let k = 0; k < x0.length; k++) this.keyX[k] = x0[k];
    this.keyV = this.view.vV;
    this.keyD = durationS;
    this.keyOk = true;
  }

  private record(t0: number): void {
    if ((this.tabN + 1) * REC > this.tab.length) {
      const g = new Float64Array(this.tab.length * 2);
      g.set(this.tab);
      this.tab = g;
    }
    const o = this.tabN++ * REC;
    const tab = this.tab;
    tab[o] = t0;
    tab[o + 1] = this.half;
    tab[o + 2] = this.pieceInc;
    for (let k = 0; k < N; k++) tab[o + 3 + k] = this.a[k];
    for (let k = 0; k <= N; k++) tab[o + 3 + N + k] = this.A[k];
  }

  private replay(phi0: number, out: Float64Array | null, maxSpikes: number, outOffset: number): number {
    this.acc = phi0;
    this.n = 0;
    const tab = this.tab;
    for (let p = 0; p < this.tabN; p++) {
      const o = p * REC;
      const inc = tab[o + 2];
      if (maxSpikes > 0 && this.acc + inc >= 1) {
        this.half = tab[o + 1];
        this.pieceInc = inc;
        for (let k = 0; k < N; k++) this.a[k] = tab[o + 3 + k];
        for (let k = 0; k <= N; k++) this.A[k] = tab[o + 3 + N + k];
        if (!this.spikesInPiece(tab[o], out, maxSpikes, outOffset)) return this.n;
      } else this.acc += inc;
    }
    this.endPhase = this.acc;
    return this.n;
  }

  /** Integral of r over [0, durationS] of the current interval. */
  integral(durationS: number): number {
    this.burst(0, durationS, null, 0);
    return this.endPhase;
  }

  /**
   * Time until the phase grows by `need` (> 0), or Infinity when the current
   * can no longer exceed I_nox or the horizon (default 1e5 s) passes first.
   */
  timeToReach(need: number, horizonS = MAX_HORIZON_S): number {
    if (!(need > 0)) return 0;
    const one = this.one;
    const n = this.burst(1 - need, Math.min(horizonS, MAX_HORIZON_S), one, 1);
    return n > 0 ? one[0] : Infinity;
  }

  private readonly one = new Float64Array(1);

  /**
   * Time until the current first rises above I_nox (0 if it already is above),
   * or Infinity when it cannot within the horizon. Every rise is found, however
   * brief (rigorous bound between nodes), down to TIME_TOL_S.
   */
  timeToOnset(horizonS = MAX_HORIZON_S): number {
    const v = this.view;
    const th = this.th;
    if (v.currentAt(0) > th) return 0;
    if (!v.canConduct) return Infinity;
    let t = 0;
    let h = v.initialStepS();
    const end = Math.min(horizonS, MAX_HORIZON_S);
    while (t < end) {
      if (v.upperFrom(t) <= th) return Infinity;
      const b = Math.min(t + h, end);
      const c = this.firstAbove(t, b);
      if (c >= 0) return c;
      t = b;
      h *= 2;
    }
    return Infinity;
  }
}
