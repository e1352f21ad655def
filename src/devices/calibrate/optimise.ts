/**
 * Seeded derivative-free minimiser for the calibration: Nelder-Mead
 * (J. A. Nelder, R. Mead, "A simplex method for function minimization",
 * Computer Journal 7, 1965; standard coefficients reflection 1, expansion 2,
 * contraction 1/2, shrink 1/2) with restarts, on box-bounded variables
 * (points are clamped into the box before evaluation).
 *
 * Schedule: a seeded screen of random points around the start, then
 * Nelder-Mead runs restarted from the best point with a fresh simplex whose
 * axis steps have seeded random signs and a step size that halves whenever a
 * restart fails to improve. Only the seed changes the path: same seed, same
 * result.
 */
import { Rng } from '../../kernel/rng.ts';

export type Objective = (x: Float64Array) => number;

export interface MinimiseOptions {
  lo: Float64Array;
  hi: Float64Array;
  seed: number;
  /** Budget of objective evaluations. */
  maxEvals: number;
  /** Random points tried around the start before the simplex runs. */
  screenPoints?: number;
  /** Initial simplex step and screen spread (same units as x). */
  step?: number;
  /** Called after every improvement of the best value and at each restart. */
  onProgress?: (evals: number, best: number, restart: number) => void;
}

export interface MinimiseResult {
  x: Float64Array;
  value: number;
  evals: number;
  restarts: number;
}

function clampInto(x: Float64Array, lo: Float64Array, hi: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
  return x;
}

export function minimise(f: Objective, x0: Float64Array, opts: MinimiseOptions): MinimiseResult {
  const n = x0.length;
  const rng = new Rng(opts.seed);
  const { lo, hi } = opts;
  let evals = 0;
  let best = clampInto(x0.slice(), lo, hi);
  let bestF = f(best);
  evals++;
  const report = (restart: number): void => opts.onProgress?.(evals, bestF, restart);
  const ev = (x: Float64Array): number => {
    clampInto(x, lo, hi);
    // The budget is strict: past it, points count as infinitely bad and the run ends.
    if (evals >= opts.maxEvals) return Infinity;
    evals++;
    const v = f(x);
    if (v < bestF) {
      bestF = v;
      best = x.slice();
      report(-1);
    }
    return v;
  };

  let step = opts.step ?? 0.3;
  const screen = opts.screenPoints ?? 0;
  const start = best.slice();
  for (let s = 0; s < screen && evals < opts.maxEvals; s++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = start[i] + step * rng.normal();
    ev(x);
  }

  let restart = 0;
  while (evals < opts.maxEvals) {
    report(restart);
    const before = bestF;
    // Fresh simplex around the best point.
    const simplex: Float64Array[] = [best.slice()];
    const fs: number[] = [bestF];
    for (let i = 0; i < n && evals < opts.maxEvals; i++) {
      const x = best.slice();
      const sign = rng.float() < 0.5 ? -1 : 1;
      x[i] += sign * step;
      if (x[i] > hi[i] || x[i] < lo[i]) x[i] -= 2 * sign * step;
      simplex.push(x);
      fs.push(ev(x));
    }
    if (simplex.length < n + 1) break;
    const order = Array.from({ length: n + 1 }, (_, i) => i);
    const centroid = new Float64Array(n);
    const runBudget = Math.min(opts.maxEvals, evals + 400 * n);
    let stall = 0;
    while (evals < runBudget) {
      order.sort((a, b) => fs[a] - fs[b] || a - b);
      const bi = order[0];
      const wi = order[n];
      const si = order[n - 1];
      if (fs[wi] - fs[bi] <= 1e-10 * (Math.abs(fs[bi]) + 1e-12)) break;
      centroid.fill(0);
      for (let k = 0; k < n; k++) if (order[k] !== wi) for (let i = 0; i < n; i++) centroid[i] += simplex[order[k]][i] / n;
      const along = (t: number): Float64Array => {
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = centroid[i] + t * (simplex[wi][i] - centroid[i]);
        return x;
      };
      const xr = along(-1);
      const fr = ev(xr);
      const oldBest = fs[bi];
      if (fr < fs[bi]) {
        const xe = along(-2);
        const fe = ev(xe);
        if (fe < fr) { simplex[wi] = xe; fs[wi] = fe; } else { simplex[wi] = xr; fs[wi] = fr; }
      } else if (fr < fs[si]) {
        simplex[wi] = xr;
        fs[wi] = fr;
      } else {
        const xc = fr < fs[wi] ? along(-0.5) : along(0.5);
        const fc = ev(xc);
        if (fc < Math.min(fr, fs[wi])) {
          simplex[wi] = xc;
          fs[wi] = fc;
        } else {
          for (let k = 1; k <= n; k++) {
            const j = order[k];
            for (let i = 0; i < n; i++) simplex[j][i] = simplex[bi][i] + 0.5 * (simplex[j][i] - simplex[bi][i]);
            fs[j] = ev(simplex[j]);
          }
        }
      }
      const nowBest = Math.min(...fs);
      stall = nowBest < oldBest - 1e-9 * Math.abs(oldBest) ? 0 : stall + 1;
      if (stall > 30 * n) break;
    }
    restart++;
    if (!(bestF < before - 1e-6 * Math.abs(before))) step *= 0.5;
    if (step < 1e-4) step = opts.step ?? 0.3;
  }
  return { x: best, value: bestF, evals, restarts: restart };
}
