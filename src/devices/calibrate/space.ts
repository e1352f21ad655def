/**
 * The calibrated parameters of the MoSe2 model and their bounds. The
 * optimiser works on u = ln(value) inside [ln lo, ln hi]; parameters not
 * listed keep their value in FIXED (reference voltages, threshold, and the
 * depression slopes, which only the qualitative LTD targets constrain).
 * The sensitisation relaxation time is held to 5-20 min: the device heals
 * from an injury within tens of minutes, as the nociceptor work needs.
 */
import type { MemristorComponentParams, Mose2Params } from '../mose2.ts';

export interface FreeParam {
  /** "fast.weightS" for a component field, "baseConductanceS" for a global. */
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
}

export const FREE: readonly FreeParam[] = [
  { key: 'baseConductanceS', lo: 0.2e-9, hi: 5e-9 },
  { key: 'conductionBetaPerV', lo: 0.3, hi: 1.2 },
  { key: 'sensitisationGain', lo: 0.3, hi: 100 },
  { key: 'fast.weightS', lo: 0.2e-9, hi: 100e-9 },
  { key: 'fast.potRateRefPerS', lo: 0.05, hi: 200 },
  { key: 'fast.potSlopePerV', lo: 0.05, hi: 3 },
  { key: 'fast.depRateRefPerS', lo: 0.05, hi: 100 },
  // Widened from 0.3 s (the four-component fit sat on it): E3 alone pins it.
  { key: 'fast.tauS', lo: 0.15, hi: 0.9 },
  { key: 'fast.tauSlopePerV', lo: 1e-3, hi: 0.3 },
  { key: 'medium.weightS', lo: 0.2e-9, hi: 300e-9 },
  { key: 'medium.potRateRefPerS', lo: 1e-3, hi: 20 },
  { key: 'medium.potSlopePerV', lo: 0.5, hi: 8 },
  { key: 'medium.depRateRefPerS', lo: 0.01, hi: 100 },
  { key: 'medium.tauS', lo: 0.8, hi: 6 },
  { key: 'slow.weightS', lo: 1e-9, hi: 500e-9 },
  { key: 'slow.potRateRefPerS', lo: 1e-4, hi: 2 },
  { key: 'slow.potSlopePerV', lo: 0.05, hi: 3 },
  { key: 'slow.depRateRefPerS', lo: 1e-4, hi: 200 },
  { key: 'sens.potRateRefPerS', lo: 1e-7, hi: 1 },
  // At most e^5 per volt: the sensitisation rate stays below ~10^3/s at 7 V
  // (no stiffness), the objective keeps it off at 5 V.
  { key: 'sens.potSlopePerV', lo: 0.5, hi: 5 },
  { key: 'sens.tauS', lo: 300, hi: 1200 },
  // Second fast volatile component: relaxation 0.15-0.8 s, steep (2-8 e-folds per volt).
  { key: 'fastHigh.weightS', lo: 0.2e-9, hi: 300e-9 },
  { key: 'fastHigh.potRateRefPerS', lo: 0.05, hi: 500 },
  { key: 'fastHigh.potSlopePerV', lo: 2, hi: 8 },
  { key: 'fastHigh.depRateRefPerS', lo: 0.01, hi: 100 },
  { key: 'fastHigh.tauS', lo: 0.15, hi: 0.8 },
];

export const DIM = FREE.length;

/** Reads a parameter of a preset by key. */
export function getParam(p: Mose2Params, key: string): number {
  const dot = key.indexOf('.');
  if (dot < 0) return (p as unknown as Record<string, number>)[key];
  const comp = (p as unknown as Record<string, MemristorComponentParams>)[key.slice(0, dot)];
  return (comp as unknown as Record<string, number>)[key.slice(dot + 1)];
}

/** A copy of `base` with the free parameters set from log-values u. */
export function fromLog(base: Mose2Params, u: ArrayLike<number>): Mose2Params {
  const out = JSON.parse(JSON.stringify(base, (_k, v) => (v === Infinity ? 'Infinity' : v)), (_k, v) => (v === 'Infinity' ? Infinity : v)) as Mose2Params;
  FREE.forEach((f, i) => {
    const v = Math.exp(u[i]);
    const dot = f.key.indexOf('.');
    if (dot < 0) (out as unknown as Record<string, number>)[f.key] = v;
    else ((out as unknown as Record<string, Record<string, number>>)[f.key.slice(0, dot)])[f.key.slice(dot + 1)] = v;
  });
  return out;
}

/** Log-values of the free parameters of a preset, clamped into the bounds. */
export function toLog(p: Mose2Params): Float64Array {
  const u = new Float64Array(DIM);
  FREE.forEach((f, i) => {
    const v = getParam(p, f.key);
    if (!(v > 0)) throw new Error(`calibrate: parameter ${f.key} must be > 0 to calibrate in log space, got ${v}`);
    u[i] = Math.min(Math.log(f.hi), Math.max(Math.log(f.lo), Math.log(v)));
  });
  return u;
}

export const LOG_LO = Float64Array.from(FREE, (f) => Math.log(f.lo));
export const LOG_HI = Float64Array.from(FREE, (f) => Math.log(f.hi));

/** Clamps log-values into the bounds in place. */
export function clampLog(u: Float64Array): Float64Array {
  for (let i = 0; i < DIM; i++) u[i] = Math.min(LOG_HI[i], Math.max(LOG_LO[i], u[i]));
  return u;
}
