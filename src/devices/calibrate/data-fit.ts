/**
 * Fitting the MoSe2 model to measured pulse responses (./data-csv.ts,
 * ./data-protocol.ts) with the calibrator's seeded optimiser (./optimise.ts)
 * in its log-parameter space (./space.ts).
 *
 * Objective: with r_ck = (simulated_ck - measured_ck) / |measured_ck| the
 * relative residual of point k of curve c (n_c points),
 *   J = sum over curves c of (1 / n_c) sum_k r_ck^2,
 * so every curve counts alike whatever its length; sqrt of a curve's term is
 * its RMS relative residual. Each evaluation steps every curve exactly with
 * the model's closed form, two intervals per pulse (rest, pulse).
 *
 * The search minimises J plus a weak pull toward the start (PRIOR_WEIGHT);
 * the reported objective is J alone. Before the search:
 *  - conductance scale: the current is linear in every conductance of the
 *    model together (G0, each weightS), so one factor s scales every
 *    simulated point; the start's conductances are multiplied by the s that
 *    minimises J (closed form: s = sum w a / sum w a^2, a = sim / measured,
 *    w = 1 / n_c), which brings a start of another device to the data's scale;
 *  - held parameters: a free parameter of ./space.ts whose change by e^0.3
 *    moves no simulated point by more than 1e-9 (relative) has no effect on
 *    these curves (e.g. the sensitisation at low voltages) and is held.
 * Bounds: those of ./space.ts widened (x/÷ 1000 for conductances, x/÷ 10
 * for rates and relaxation times), as a user's device need not sit where the
 * article's did. The slopes are not widened: steeper ones would make the
 * model stiff at the 7 V of noxious drives.
 */
import { mose2Model, type Mose2Params } from '../mose2.ts';
import type { CompiledDevice } from '../types.ts';
import type { FitCurve } from './data-protocol.ts';
import { minimise } from './optimise.ts';
import { FREE, LOG_HI, LOG_LO, fromLog, getParam, toLog } from './space.ts';
import { roundParams } from './preset-file.ts';

/** Simulated response at every measured point of each curve (same shapes as curve.measured). */
export function simulateCurves(device: CompiledDevice, curves: readonly FitCurve[], out?: Float64Array[]): Float64Array[] {
  const res = out ?? curves.map((c) => new Float64Array(c.measured.length));
  const stride = device.stride;
  const finals: Float64Array[] = [];
  const state = new Float64Array(stride);
  curves.forEach((c, ci) => {
    if (c.after >= 0) state.set(finals[c.after]);
    else device.init(state, 0);
    const r = res[ci];
    let t = 0;
    let m = 0;
    for (let k = 0; k < c.pulses.length; k++) {
      const p = c.pulses[k];
      device.advance(state, 0, c.readV, p.tStartS - t);
      device.advance(state, 0, p.vV, p.widthS);
      t = p.tStartS + p.widthS;
      if (m < c.measuredAt.length && c.measuredAt[m] === k) {
        const v = c.readAt === 'pulse-end' ? p.vV : c.readV;
        const i = device.current(state, 0, v);
        r[m++] = c.quantity === 'i_A' ? i : i / v;
      }
    }
    finals.push(state.slice());
  });
  return res;
}

export interface CurveFit {
  readonly curve: string;
  readonly quantity: string;
  readonly points: number;
  /** sqrt(mean r^2). */
  readonly rmsRelResidual: number;
  readonly maxAbsRelResidual: number;
  /** mean r: a systematic offset. */
  readonly meanRelResidual: number;
}

export function curveFits(curves: readonly FitCurve[], sim: readonly Float64Array[]): CurveFit[] {
  return curves.map((c, ci) => {
    let ss = 0;
    let s = 0;
    let mx = 0;
    for (let k = 0; k < c.measured.length; k++) {
      const r = (sim[ci][k] - c.measured[k]) / Math.abs(c.measured[k]);
      const rr = Number.isFinite(r) ? r : 1e6;
      ss += rr * rr;
      s += rr;
      mx = Math.max(mx, Math.abs(rr));
    }
    const n = c.measured.length;
    return { curve: c.name, quantity: c.quantity, points: n, rmsRelResidual: Math.sqrt(ss / n), maxAbsRelResidual: mx, meanRelResidual: s / n };
  });
}

/** J of the header comment. */
export function dataObjective(curves: readonly FitCurve[], sim: readonly Float64Array[]): number {
  let j = 0;
  for (const f of curveFits(curves, sim)) j += f.rmsRelResidual ** 2;
  return j;
}

const CONDUCTANCE_KEYS = ['fast', 'medium', 'slow', 'sens', 'fastHigh'] as const;

/** A copy of p with every conductance (G0 and each weightS) times s. */
export function scaleConductances(p: Mose2Params, s: number): Mose2Params {
  const out: Record<string, unknown> = { ...p, baseConductanceS: p.baseConductanceS * s };
  for (const k of CONDUCTANCE_KEYS) out[k] = { ...p[k], weightS: p[k].weightS * s };
  return out as unknown as Mose2Params;
}

/** The conductance factor minimising J for p (closed form), 1 when it cannot be formed. */
export function bestConductanceScale(p: Mose2Params, curves: readonly FitCurve[]): number {
  const sim = simulateCurves(mose2Model.compile(p), curves);
  let num = 0;
  let den = 0;
  curves.forEach((c, ci) => {
    const w = 1 / c.measured.length;
    for (let k = 0; k < c.measured.length; k++) {
      const a = sim[ci][k] / Math.abs(c.measured[k]);
      const sign = Math.sign(c.measured[k]);
      num += w * a * sign;
      den += w * a * a;
    }
  });
  const s = num / den;
  return Number.isFinite(s) && s > 0 ? s : 1;
}

const WIDEN_CONDUCTANCE = Math.log(1000);
const WIDEN = Math.log(10);
const isConductance = (key: string): boolean => key === 'baseConductanceS' || key.endsWith('.weightS');
/** Rates and relaxation times widen x/÷ 10; slopes, beta and the gain keep their bounds (steeper slopes make the model stiff). */
const widening = (key: string): number => (isConductance(key) ? WIDEN_CONDUCTANCE : /RateRefPerS$|\.tauS$/.test(key) ? WIDEN : 0);
export const DATA_LOG_LO = Float64Array.from(FREE, (f, i) => LOG_LO[i] - widening(f.key));
export const DATA_LOG_HI = Float64Array.from(FREE, (f, i) => LOG_HI[i] + widening(f.key));

/** Log-values of p's free parameters clamped into the data-fit bounds. */
function toDataLog(p: Mose2Params): Float64Array {
  const u = new Float64Array(FREE.length);
  FREE.forEach((f, i) => {
    const v = getParam(p, f.key);
    u[i] = Number.isFinite(Math.log(v)) ? Math.min(DATA_LOG_HI[i], Math.max(DATA_LOG_LO[i], Math.log(v))) : toLog(p)[i];
  });
  return u;
}

/**
 * Pull toward the start: J_fit = J + PRIOR_WEIGHT sum_i (u_i - u0_i)^2 over
 * the free log-parameters. A factor e on one parameter costs as much as
 * 0.55 % RMS relative residual on one noise-free curve, far below the noise
 * of a measurement: the data decide every direction they determine, and the
 * directions they do not (LTP trains alone leave several rates and slopes
 * free) stay at the start instead of drifting by orders of magnitude.
 */
export const PRIOR_WEIGHT = 3e-5;
const SCREEN_STEP = 0.3;
const NO_EFFECT = 1e-9;

/** Keys of the free parameters that change some simulated point (the others are held). */
export function effectiveParams(p: Mose2Params, curves: readonly FitCurve[]): string[] {
  const u0 = toDataLog(p);
  const ref = simulateCurves(mose2Model.compile(fromLog(p, u0)), curves);
  return FREE.filter((_f, i) => {
    const u = u0.slice();
    u[i] += u[i] + SCREEN_STEP <= DATA_LOG_HI[i] ? SCREEN_STEP : -SCREEN_STEP;
    const sim = simulateCurves(mose2Model.compile(fromLog(p, u)), curves);
    return sim.some((s, ci) => s.some((v, k) => !(Math.abs(v - ref[ci][k]) <= NO_EFFECT * Math.abs(ref[ci][k]))));
  }).map((f) => f.key);
}

/** Device steps (closed-form advances) of one evaluation: the fit's unit of work. */
export function stepsPerEvaluation(curves: readonly FitCurve[]): number {
  return curves.reduce((n, c) => n + 2 * c.pulses.length, 0);
}

export interface DataFitOptions {
  readonly seed: number;
  /** Budget of objective evaluations. */
  readonly iterations: number;
  readonly start: Mose2Params;
  readonly onProgress?: (fraction: number, best: number) => void;
  /** Weight of the pull toward the start (see PRIOR_WEIGHT). */
  readonly priorWeight?: number;
}

export interface DataFit {
  readonly params: Mose2Params;
  readonly objective: number;
  readonly startObjective: number;
  readonly conductanceScale: number;
  readonly free: readonly string[];
  readonly held: readonly string[];
  readonly evals: number;
  readonly curves: readonly CurveFit[];
  /** Simulated responses of the fitted (rounded) parameters. */
  readonly simulated: readonly Float64Array[];
}

export function fitData(curves: readonly FitCurve[], opts: DataFitOptions): DataFit {
  const scale = bestConductanceScale(opts.start, curves);
  const base = scaleConductances(opts.start, scale);
  const free = effectiveParams(base, curves);
  const held = FREE.map((f) => f.key).filter((k) => !free.includes(k));
  const idx = free.map((k) => FREE.findIndex((f) => f.key === k));
  const uAll = toDataLog(base);
  const bufs = curves.map((c) => new Float64Array(c.measured.length));
  const paramsOf = (x: ArrayLike<number>): Mose2Params => {
    const u = uAll.slice();
    idx.forEach((j, i) => (u[j] = x[i]));
    return fromLog(base, u);
  };
  const x0 = Float64Array.from(idx, (j) => uAll[j]);
  const w = opts.priorWeight ?? PRIOR_WEIGHT;
  const f = (x: Float64Array): number => {
    let prior = 0;
    for (let i = 0; i < x.length; i++) prior += (x[i] - x0[i]) ** 2;
    const j = dataObjective(curves, simulateCurves(mose2Model.compile(paramsOf(x)), curves, bufs)) + w * prior;
    return Number.isFinite(j) ? j : 1e300;
  };
  const startObjective = f(x0);
  let params = base;
  let evals = 1;
  if (idx.length > 0) {
    const r = minimise(f, x0, {
      lo: Float64Array.from(idx, (j) => DATA_LOG_LO[j]),
      hi: Float64Array.from(idx, (j) => DATA_LOG_HI[j]),
      seed: opts.seed,
      maxEvals: opts.iterations,
      screenPoints: Math.min(100, Math.floor(opts.iterations / 20)),
      step: SCREEN_STEP,
      onProgress: (n, best) => opts.onProgress?.(n / opts.iterations, best),
    });
    params = paramsOf(r.x);
    evals = r.evals;
  }
  params = roundParams(params);
  const simulated = simulateCurves(mose2Model.compile(params), curves);
  return {
    params,
    objective: dataObjective(curves, simulated),
    startObjective,
    conductanceScale: scale,
    free,
    held,
    evals,
    curves: curveFits(curves, simulated),
    simulated,
  };
}
