/**
 * First root of f(t) = D + a e^{-ra t} + b e^{-rb t} + c e^{-rc t}, t > 0,
 * given f(0) < 0: the next threshold crossing of a linear neuron driven by
 * exponentially decaying currents.
 *
 * Method (rigorous branch and bound, no missed crossings wider than TOL_S):
 * - each term is monotonic in t, so on [t0, t1] it lies between its endpoint
 *   values; their sum bounds f from above (prune when < 0) and, applied to f',
 *   certifies monotonicity;
 * - on [t0, inf) the terms lie between their value at t0 and 0: when
 *   D + sum(max(term(t0), 0)) < 0 there is no crossing at all;
 * - a bracket [t0, t1] with f(t1) >= 0 on which f' > 0 holds a unique root,
 *   found by Newton steps safeguarded by bisection to 1e-13 s;
 * - other brackets are bisected; intervals shorter than TOL_S whose upper
 *   bound touches 0 count as crossings only if f(t1) >= 0 (grazing contacts
 *   shorter than TOL_S are ignored).
 * Scanning windows grow geometrically from the shortest time constant.
 */
const TOL_S = 1e-12;
const NEWTON_TOL_S = 1e-13;

let D = 0, A = 0, RA = 0, B = 0, RB = 0, C = 0, RC = 0;

function f(t: number): number {
  return D + A * Math.exp(-RA * t) + B * Math.exp(-RB * t) + C * Math.exp(-RC * t);
}

/** Root of an increasing f on [lo, hi] with f(lo) < 0 <= f(hi); one set of exponentials per step. */
function newton(lo: number, hi: number): number {
  let t = hi;
  for (let k = 0; k < 60; k++) {
    const a = A * Math.exp(-RA * t), b = B * Math.exp(-RB * t), c = C * Math.exp(-RC * t);
    const ft = D + a + b + c;
    if (ft >= 0) hi = t;
    else lo = t;
    if (hi - lo <= NEWTON_TOL_S) break;
    const d = -RA * a - RB * b - RC * c;
    let next = t - ft / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= NEWTON_TOL_S * 0.5) {
      t = next;
      break;
    }
    t = next;
  }
  // Return a time at which f >= 0, so the neuron is at threshold when it fires.
  return f(t) >= 0 ? t : hi;
}

/**
 * First root in [t0, t1] or -1, given the terms at both ends (a0 = A e^{-RA t0}, ...):
 * each term is monotonic, so max/min of its end values bound it (and its slope).
 */
function search(t0: number, a0: number, b0: number, c0: number, t1: number, a1: number, b1: number, c1: number, depth: number): number {
  if (D + (a0 > a1 ? a0 : a1) + (b0 > b1 ? b0 : b1) + (c0 > c1 ? c0 : c1) < 0) return -1;
  const f1 = D + a1 + b1 + c1;
  if (f1 >= 0) {
    const s0a = -RA * a0, s1a = -RA * a1, s0b = -RB * b0, s1b = -RB * b1, s0c = -RC * c0, s1c = -RC * c1;
    if ((s0a < s1a ? s0a : s1a) + (s0b < s1b ? s0b : s1b) + (s0c < s1c ? s0c : s1c) > 0) return newton(t0, t1);
  }
  if (t1 - t0 <= TOL_S || depth > 60) return f1 >= 0 ? t1 : -1;
  const m = 0.5 * (t0 + t1);
  const am = A * Math.exp(-RA * m), bm = B * Math.exp(-RB * m), cm = C * Math.exp(-RC * m);
  const left = search(t0, a0, b0, c0, m, am, bm, cm, depth + 1);
  if (left >= 0) return left;
  return search(m, am, bm, cm, t1, a1, b1, c1, depth + 1);
}

function searchFrom(t0: number, t1: number): number {
  return search(
    t0, A * Math.exp(-RA * t0), B * Math.exp(-RB * t0), C * Math.exp(-RC * t0),
    t1, A * Math.exp(-RA * t1), B * Math.exp(-RB * t1), C * Math.exp(-RC * t1),
    0,
  );
}

/**
 * Delay (s) to the first t > 0 with f(t) >= 0, or Infinity. Rates are 1/tau (1/s) > 0.
 * With a finite horizonS, only [0, horizonS] is searched (Infinity if no crossing there).
 * Not re-entrant (module-level scratch, no allocation per call).
 */
export function firstCrossing(d: number, a: number, ra: number, b: number, rb: number, c: number, rc: number, horizonS = Infinity): number {
  D = d; A = a; RA = ra; B = b; RB = rb; C = c; RC = rc;
  if (f(0) >= 0) return 0;
  if (horizonS < Infinity) {
    // Only crossings before the horizon matter to the caller.
    const r = searchFrom(0, horizonS);
    return r >= 0 ? r : Infinity;
  }
  let t0 = 0;
  let h = 0.25 / Math.max(ra, rb, rc);
  for (let k = 0; k < 200; k++) {
    const a0 = A * Math.exp(-RA * t0), b0 = B * Math.exp(-RB * t0), c0 = C * Math.exp(-RC * t0);
    if (D + (a0 > 0 ? a0 : 0) + (b0 > 0 ? b0 : 0) + (c0 > 0 ? c0 : 0) < 0) return Infinity;
    const t1 = t0 + h;
    const r = searchFrom(t0, t1);
    if (r >= 0) return r;
    t0 = t1;
    h *= 2;
  }
  return Infinity;
}
