/**
 * Nonlinearity of potentiation/depression curves, the way NeuroSim (Chen,
 * Peng, Yu, "NeuroSim: a circuit-level macro model for benchmarking
 * neuro-inspired architectures in online learning", IEEE TCAD 2018) describes
 * a synaptic device:
 *   LTP:  G(P) = B (1 - exp(-P / A)) + Gmin,        P = 0 .. Pmax pulses
 *   LTD:  G(P) = Gmax - B (1 - exp(-P / A)),         P = depressing pulses so far
 * (the LTD curve is the LTP form mirrored). A sets the curvature: |A| >> Pmax is
 * linear, small A saturates early; A < 0 bends the other way.
 *
 * Fit: for a fixed A the model is linear in its offset and B, solved by least
 * squares; u = Pmax / A is found by a grid scan over [-U, U] and golden-section
 * refinement (u = 0, the straight line, included): deterministic, no guesses.
 *
 * Nonlinearity label: NeuroSim tabulates a label NL (0.01 .. 9) against the
 * normalised A/Pmax. The label is the largest deviation of the normalised
 * curve g(p) = (1 - exp(-p / a)) / (1 - exp(-1 / a)), p in [0, 1], a = A/Pmax,
 * from the straight line g = p, divided by 0.099:
 *   NL = max_p (g(p) - p) / 0.099,   reached at p* = -a ln(a (1 - exp(-1/a))).
 * This reproduces NeuroSim's table to within 0.005 over its whole range.
 * Sign: positive for a saturating LTP curve; NeuroSim writes the label of a
 * (mirror-)saturating LTD curve with a minus sign, and so do we.
 */

export interface NeuroSimFit {
  /** Curvature A in pulses (Infinity for a straight line). */
  readonly aPulses: number;
  /** A / Pmax. */
  readonly aNormalised: number;
  /** NeuroSim nonlinearity label (signed, see above). */
  readonly label: number;
  /** Offset (Gmin for LTP, Gmax for LTD) and amplitude B of the fitted curve (S). */
  readonly offsetS: number;
  readonly bS: number;
  readonly r2: number;
  /** The fitted curve at P = 0 .. Pmax. */
  readonly fitted: Float64Array;
}

const U_MAX = 60;
const GRID = 1200;
const LABEL_SCALE = 0.099;

/** Normalised basis (0 at P = 0, 1 at P = Pmax) for u = Pmax / A. */
function basis(u: number, p: number): number {
  if (Math.abs(u) < 1e-9) return p;
  return -Math.expm1(-u * p) / -Math.expm1(-u);
}

function solve(y: ArrayLike<number>, u: number): { c: number; b: number; rss: number } {
  const n = y.length;
  const pmax = n - 1;
  let sf = 0, sff = 0, sy = 0, sfy = 0;
  for (let k = 0; k < n; k++) {
    const f = basis(u, k / pmax);
    sf += f;
    sff += f * f;
    sy += y[k];
    sfy += f * y[k];
  }
  const det = n * sff - sf * sf;
  const b = (n * sfy - sf * sy) / det;
  const c = (sy - b * sf) / n;
  let rss = 0;
  for (let k = 0; k < n; k++) rss += (y[k] - c - b * basis(u, k / pmax)) ** 2;
  return { c, b, rss };
}

/** NeuroSim nonlinearity label (unsigned) of a normalised A (a = A / Pmax > 0). */
export function neuroSimLabel(aNormalised: number): number {
  const a = Math.abs(aNormalised);
  if (!Number.isFinite(a)) return 0;
  const den = -Math.expm1(-1 / a);
  const p = -a * Math.log(a * den);
  const g = -Math.expm1(-p / a) / den;
  return (g - p) / LABEL_SCALE;
}

/**
 * Fits the NeuroSim curve to y[0..Pmax] (conductance before any pulse, then
 * after each). `kind` "ltd" mirrors a depression curve before fitting.
 */
export function fitNeuroSim(y: ArrayLike<number>, kind: 'ltp' | 'ltd'): NeuroSimFit {
  const n = y.length;
  if (n < 4) throw new Error(`fitNeuroSim: need at least 4 points (the start and 3 pulses), got ${n}`);
  const sign = kind === 'ltd' ? -1 : 1;
  const z = Float64Array.from(y, (v) => sign * v);
  const rssAt = (u: number): number => solve(z, u).rss;
  let best = 0;
  let bestRss = Infinity;
  for (let s = 0; s <= GRID; s++) {
    const u = -U_MAX + (2 * U_MAX * s) / GRID;
    const r = rssAt(u);
    if (r < bestRss) {
      bestRss = r;
      best = s;
    }
  }
  let lo = -U_MAX + (2 * U_MAX * Math.max(0, best - 1)) / GRID;
  let hi = -U_MAX + (2 * U_MAX * Math.min(GRID, best + 1)) / GRID;
  const gr = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const c = hi - gr * (hi - lo);
    const d = lo + gr * (hi - lo);
    if (rssAt(c) < rssAt(d)) hi = d;
    else lo = c;
  }
  const u = (lo + hi) / 2;
  const { c, b, rss } = solve(z, u);
  let mean = 0;
  for (let k = 0; k < n; k++) mean += z[k];
  mean /= n;
  let tss = 0;
  for (let k = 0; k < n; k++) tss += (z[k] - mean) ** 2;
  const pmax = n - 1;
  const fitted = new Float64Array(n);
  for (let k = 0; k < n; k++) fitted[k] = sign * (c + b * basis(u, k / pmax));
  const aNorm = u === 0 ? Infinity : 1 / u;
  // B of the NeuroSim form: the amplitude of 1 - exp(-P/A) (b is normalised to the span).
  const bS = u === 0 ? Infinity : b / -Math.expm1(-u);
  const label = Math.sign(u) * neuroSimLabel(aNorm) * (kind === 'ltd' ? -1 : 1);
  return { aPulses: aNorm * pmax, aNormalised: aNorm, label, offsetS: sign * c, bS: Math.abs(bS), r2: tss > 0 ? 1 - rss / tss : 1, fitted };
}
