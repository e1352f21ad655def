/**
 * Curve fits used by the scenarios' metrics.
 *
 * Exponential decay y = y0 + a exp(-t / tau): for a fixed tau the model is
 * linear in (y0, a), solved by least squares; tau is found by a log-spaced
 * scan followed by golden-section refinement of the residual (a separable,
 * "variable projection" fit: no starting guesses, deterministic).
 */

export interface ExpFit {
  y0: number;
  a: number;
  tauS: number;
  r2: number;
  rss: number;
}

function linearForTau(t: ArrayLike<number>, y: ArrayLike<number>, tau: number, withOffset: boolean): { y0: number; a: number; rss: number } {
  const n = t.length;
  let se = 0, see = 0, sy = 0, sey = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(-t[i] / tau);
    se += e;
    see += e * e;
    sy += y[i];
    sey += e * y[i];
  }
  let y0 = 0;
  let a = 0;
  if (withOffset) {
    const det = n * see - se * se;
    if (Math.abs(det) < 1e-300) return { y0: sy / n, a: 0, rss: Infinity };
    y0 = (see * sy - se * sey) / det;
    a = (n * sey - se * sy) / det;
  } else {
    a = see > 0 ? sey / see : 0;
  }
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - y0 - a * Math.exp(-t[i] / tau);
    rss += r * r;
  }
  return { y0, a, rss };
}

/** Fits y = y0 + a exp(-t/tau) (or y = a exp(-t/tau) with withOffset = false). */
export function fitExpDecay(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: { tauMinS?: number; tauMaxS?: number; withOffset?: boolean } = {},
): ExpFit {
  if (t.length !== y.length || t.length < 3) throw new Error(`fitExpDecay: need >= 3 matching points, got ${t.length} and ${y.length}`);
  const withOffset = opts.withOffset ?? true;
  const lo = Math.log(opts.tauMinS ?? 1e-4);
  const hi = Math.log(opts.tauMaxS ?? 1e4);
  const steps = 200;
  let best = 0;
  let bestRss = Infinity;
  for (let s = 0; s <= steps; s++) {
    const r = linearForTau(t, y, Math.exp(lo + ((hi - lo) * s) / steps), withOffset).rss;
    if (r < bestRss) {
      bestRss = r;
      best = s;
    }
  }
  let a = lo + ((hi - lo) * Math.max(0, best - 1)) / steps;
  let b = lo + ((hi - lo) * Math.min(steps, best + 1)) / steps;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 100; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (linearForTau(t, y, Math.exp(c), withOffset).rss < linearForTau(t, y, Math.exp(d), withOffset).rss) b = d;
    else a = c;
  }
  const tau = Math.exp((a + b) / 2);
  const fit = linearForTau(t, y, tau, withOffset);
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let tss = 0;
  for (let i = 0; i < y.length; i++) tss += (y[i] - mean) ** 2;
  return { y0: fit.y0, a: fit.a, tauS: tau, r2: tss > 0 ? 1 - fit.rss / tss : 1, rss: fit.rss };
}
