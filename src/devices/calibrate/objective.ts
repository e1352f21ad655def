/**
 * Calibration objective of the MoSe2 preset: one number from every device
 * target of the spec.
 *
 *   J = sum_i w_i e_i^2
 *
 * Numeric targets (E9 relearning, E10 tau, E13 incubation) use the
 * tolerance-normalised log-error e = ln(simulated / article) / ln(1 + tol),
 * so e = +-1 is the edge of the spec's tolerance band. Orderings and bounds
 * use hinges e = max(0, ln(bound / simulated)) / ln(1 + margin) (or the
 * mirror for upper bounds): zero once satisfied with the margin, growing
 * smoothly past it. Each evaluation runs every protocol with the closed-form
 * stepping of src/devices/experiments.ts and takes a few milliseconds.
 *
 * Every term names the article claim it fits (`claim`, the id the scenarios'
 * claim rows carry) or null for a bound the article does not state (a
 * regulariser: currents in the nanoampere range, no sensitisation below 7 V).
 * A claim is `fitted` exactly when some term names it (src/harness/basis.ts):
 * the basis of a report row is derived from this file, not written by hand.
 * Claims no term names (E1, E2, E5, E7, E8, the rise during every E9 train)
 * are predictions of the calibrated model. E6 (|NL| <= 3) and the E4
 * depression control are terms: the calibrated model does not produce them
 * unasked (the four-component start gives NL = 5.6 / -5.8 and a depression
 * only 1.08 x the read-bias fall), so they are fitted, and
 * `calibrate --cross-validate` reports what the model predicts for them
 * when they are left out.
 */
import { mose2Model, type Mose2Params } from '../mose2.ts';
import { article } from '../targets.ts';
import {
  DECAY_SAMPLE_S,
  DeviceUnderTest,
  INNOCUOUS_SEARCH_S,
  READ_BIAS_V,
  forgettingAfterTrain,
  incubationTime,
  innocuousTrain,
  learningForgetting,
  noxiousFirstPulse,
} from '../experiments.ts';
import type { CompiledDevice } from '../types.ts';
import { cycleBranches, depressionVersusControl, ltpLtdConductance } from '../experiments-e4.ts';
import { fitNeuroSim } from '../../analysis/nonlinearity.ts';
import { CLAIM } from '../claims.ts';

export interface Term {
  readonly name: string;
  /** Id of the article claim this term fits (src/devices/claims.ts), or null for an unstated bound. */
  readonly claim: string | null;
  /** Article value or bound. */
  readonly target: number;
  readonly simulated: number;
  /** Normalised error (|e| <= 1: within tolerance / bound met). */
  readonly error: number;
  readonly weight: number;
  readonly kind: 'target' | 'hinge';
}

export interface Evaluation {
  readonly value: number;
  readonly terms: readonly Term[];
}

/** Is the term counted in J under `exclude` (claim ids left out, for leave-one-out refits)? */
export function counted(t: Term, exclude?: ReadonlySet<string>): boolean {
  return !(exclude && t.claim !== null && exclude.has(t.claim));
}

/** Relearning target of the fractional count: its whole-pulse count is then 13. */
const RELEARN_FRACTIONAL_TARGET = article.relearningPulses - 0.5;
/** E11: the pristine innocuous train must stay below this fraction of I_nox (margin). */
export const INNOCUOUS_MARGIN = 0.85;
/** E12: the first noxious pulse must start above this multiple of I_nox. */
export const NOXIOUS_MARGIN = 1.25;
/**
 * E3: the article gives no PPF number; a facilitation of at least 10 % at the
 * shortest gap keeps the fast component from saturating within one pulse
 * (which would leave nothing to facilitate and make LTP a single jump).
 */
const PPF_MIN_PERCENT = 10;
/**
 * Bounds the article does not state. Peak currents stay in the article's
 * nanoampere-to-microampere range: at most 1 uA at the end of the 5 V train,
 * at most 20 uA at the end of a 2 s, 7 V pulse (widened from 10 uA, which the
 * four-component fit sat on; the nociceptor's firing law no longer saturates
 * at such currents).
 */
const PEAK_5V_MAX_A = 1e-6;
const NOXIOUS_END_MAX_A = 20e-6;
/**
 * E4 "cycles repeat well": spread of Gmax and Gmin over cycles 2-5 at most
 * 4.5 % (the E4 scenario's claim allows 5 %; the 3.5 % bound used before was
 * active at the optimum and tighter than the claim itself).
 */
const CYCLE_SPREAD_MAX = 0.045;
/** E6 and E4 bounds of the spec. */
export const NL_MAX = 3;
export const LTD_CONTROL_MIN = 1.5;
/** Paired-pulse gaps (s) of E3, as in scenarios/duan2023/fig3a-ppf.ts. */
const PPF_GAPS_S = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];

/** ln(simulated / article) / ln(1 + relTol): +-1 at the edge of the tolerance band. */
export function toleranceError(article: number, simulated: number, relTol: number): number {
  const sim = Number.isFinite(simulated) && simulated > 0 ? simulated : 1e6 * Math.abs(article);
  return Math.log(sim / article) / Math.log(1 + relTol);
}

class Terms {
  readonly list: Term[] = [];
  target(claim: string | null, name: string, article: number, simulated: number, relTol: number, weight = 1): void {
    this.list.push({ name, claim, target: article, simulated, error: toleranceError(article, simulated, relTol), weight, kind: 'target' });
  }
  /** simulated >= bound, margin as a relative width. */
  atLeast(claim: string | null, name: string, bound: number, simulated: number, margin: number, weight = 1): void {
    const sim = Number.isFinite(simulated) && simulated > 0 ? simulated : 1e-30;
    const e = Math.max(0, Math.log(bound / sim)) / Math.log(1 + margin);
    this.list.push({ name, claim, target: bound, simulated, error: e, weight, kind: 'hinge' });
  }
  atMost(claim: string | null, name: string, bound: number, simulated: number, margin: number, weight = 1): void {
    const sim = Number.isFinite(simulated) && simulated > 0 ? simulated : 1e30;
    const e = Math.max(0, Math.log(sim / bound)) / Math.log(1 + margin);
    this.list.push({ name, claim, target: bound, simulated, error: e, weight, kind: 'hinge' });
  }
  /** Each element at least (1 + minStep) times the one before. */
  increasing(claim: string | null, name: string, xs: readonly number[], minStep: number, weight = 1): void {
    for (let i = 1; i < xs.length; i++) this.atLeast(claim, `${name} [${i - 1}->${i}]`, xs[i - 1] * (1 + minStep), xs[i], minStep, weight);
  }
}

/** E3: PPF index (%) at each gap of PPF_GAPS_S, current taken at the end of each 1.5 V pulse. */
export function ppfIndices(device: CompiledDevice): number[] {
  const { amplitudeV, widthS } = article.ppf;
  return PPF_GAPS_S.map((gap) => {
    const dut = new DeviceUnderTest(device);
    dut.hold(amplitudeV, widthS);
    const a1 = dut.current(amplitudeV);
    dut.hold(READ_BIAS_V, gap);
    dut.hold(amplitudeV, widthS);
    return ((dut.current(amplitudeV) - a1) / a1) * 100;
  });
}

export { ltpLtdConductance };

/** Relative (population) standard deviation. */
function relStd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
  return Math.sqrt(ss / xs.length) / Math.abs(mean);
}

export interface EvaluateOptions {
  /**
   * Sample interval (s) of the E10 decay fits. The search uses SEARCH_DECAY_SAMPLE_S
   * (2.5x faster; tau within 0.3 % of the 10 ms grid); reports use the scenarios' grid.
   */
  decaySampleS?: number;
  /** Claim ids whose terms are left out of J (computed and listed all the same). */
  exclude?: ReadonlySet<string>;
}

export const SEARCH_DECAY_SAMPLE_S = 0.025;

export function evaluate(params: Mose2Params, opts: EvaluateOptions = {}): Evaluation {
  const device = mose2Model.compile(params);
  const t = new Terms();

  // E10: decay time constants, and peak / after-rest orderings.
  const forget = article.forgettingTauS.map((f) => forgettingAfterTrain(device, f.amplitudeV, {}, opts.decaySampleS ?? DECAY_SAMPLE_S));
  article.forgettingTauS.forEach((f, i) => t.target(CLAIM.e10Tau[i], `E10 tau at ${f.amplitudeV} V (s)`, f.tauS, forget[i].fit.tauS, article.forgettingTauRelTol, 2));
  t.increasing(CLAIM.e10TauOrdering, 'E10 tau ordering', forget.map((f) => f.fit.tauS), 0.01);
  t.increasing(CLAIM.e10PeakOrdering, 'E10 peak current ordering', forget.map((f) => f.peakCurrentA), 0.1);
  t.increasing(CLAIM.e10AfterRestOrdering, 'E10 current after rest ordering', forget.map((f) => f.afterRestReadA), 0.05);
  t.atMost(null, 'E10 peak current at 5 V (A)', PEAK_5V_MAX_A, forget[2].peakCurrentA, 0.1, 0.3);
  // Only noxious (7 V) pulses sensitise: the 5 V learning train may fill at most 2 %.
  const sensIndex = device.stateLayout.findIndex((s) => s.name === 'x_sens');
  t.atMost(null, 'E10 sensitisation left by the 5 V train (fraction)', 0.02, forget[2].stateAfterTrain[sensIndex], 0.2, 1);

  // E9: relearning count and ever higher level after each cycle.
  const lf = learningForgetting(device);
  t.target(CLAIM.e9Relearning, 'E9 relearning pulses (fractional)', RELEARN_FRACTIONAL_TARGET, lf.relearningFractional, article.relearningTolerancePulses / article.relearningPulses, 2);
  t.increasing(CLAIM.e9IncreaseOrdering, 'E9 increase after cycle', lf.increaseAfterCycleA, 0.05);
  t.atLeast(CLAIM.e9AboveStart, 'E9 retained increase after cycle 1 (A)', 0.05 * lf.pristineReadA, lf.increaseAfterCycleA[0], 0.1, 0.3);

  // E11, E12: pain threshold.
  const innoc = innocuousTrain(device);
  t.atMost(CLAIM.e11Below, 'E11 innocuous max current over 60 s (A)', INNOCUOUS_MARGIN * article.painThresholdA, innoc.maxCurrentA, 0.05, 3);
  const nox = noxiousFirstPulse(device);
  t.atLeast(CLAIM.e12Above, 'E12 first noxious pulse current (A)', NOXIOUS_MARGIN * article.painThresholdA, nox.startCurrentA, 0.05, 3);

  // E13: incubation times.
  // A train that never crosses counts as twice the search window, so the error stays finite.
  const inc = article.incubation.map((x) => {
    const v = incubationTime(device, x.noxiousWidthS);
    return Number.isFinite(v) ? v : 2 * INNOCUOUS_SEARCH_S;
  });
  article.incubation.forEach((x, i) => t.target(CLAIM.e13Incubation[i], `E13 incubation after ${x.noxiousWidthS} s (s)`, x.incubationS, inc[i], article.incubationRelTol, 2));
  t.increasing(CLAIM.e13Ordering, 'E13 incubation ordering', [...inc].reverse(), 0.05);
  t.atMost(null, 'E13 current at the end of a 2 s noxious pulse (A)', NOXIOUS_END_MAX_A, noxiousFirstPulse(device, { widthS: 2 }).endCurrentA, 0.1, 0.3);

  // E3: PPF positive and decaying (its exponential shape holds by construction: tests).
  const ppf = ppfIndices(device);
  t.atLeast(null, 'E3 PPF at 10 ms (%)', PPF_MIN_PERCENT, ppf[0], 0.2, 1);
  t.atLeast(CLAIM.e3Positive, 'E3 PPF at 3 s (%)', 0.2, ppf[ppf.length - 1], 0.5, 0.5);
  t.increasing(CLAIM.e3Decays, 'E3 PPF decays with interval', [...ppf].reverse(), 0.01, 0.5);

  // E4: LTP/LTD step by step, repeatable cycles.
  const g = ltpLtdConductance(device);
  const n = article.ltpLtd.pulsesEach;
  const last = g.length - 1 - 2 * n;
  const rise = g[last + n] - g[last];
  const fall = g[last + n] - g[last + 2 * n];
  t.atLeast(CLAIM.e4LtpSteps, 'E4 LTP gain of the last cycle (ratio)', 1.3, g[last + n] / g[last], 0.1, 0.5);
  t.atLeast(CLAIM.e4CyclesRepeat, 'E4 LTD undoes LTP in the last cycle (fraction)', 0.9, fall / Math.max(rise, 1e-30), 0.05, 0.5);
  // Step by step: no single pulse makes most of the swing.
  t.atMost(CLAIM.e4LtpSteps, 'E4 first LTP step (fraction of swing)', 0.3, (g[last + 1] - g[last]) / Math.max(rise, 1e-30), 0.2, 0.5);
  t.atMost(CLAIM.e4LtdSteps, 'E4 first LTD step (fraction of swing)', 0.3, (g[last + n] - g[last + n + 1]) / Math.max(fall, 1e-30), 0.2, 0.5);
  // Cycles repeat well: spread of Gmax and Gmin over cycles 2..5 (the E4 scenario allows 5 %).
  const cycles = article.ltpLtd.cycles;
  const gMax: number[] = [];
  const gMin: number[] = [];
  for (let c = 1; c < cycles; c++) {
    gMax.push(g[c * 2 * n + n]);
    gMin.push(g[c * 2 * n + 2 * n]);
  }
  t.atMost(CLAIM.e4CyclesRepeat, 'E4 cycle-to-cycle spread of Gmax (rel. std)', CYCLE_SPREAD_MAX, relStd(gMax), 0.2, 1);
  t.atMost(CLAIM.e4CyclesRepeat, 'E4 cycle-to-cycle spread of Gmin (rel. std)', CYCLE_SPREAD_MAX, relStd(gMin), 0.2, 1);
  // E4 depression, not forgetting: the -3 V train against the read bias alone.
  t.atLeast(CLAIM.e4LtdDepression, 'E4 LTD fall / read-bias fall (ratio)', LTD_CONTROL_MIN * 1.1, depressionVersusControl(device).ratio, 0.1, 1);
  // E6: NeuroSim labels of the last cycle, with a 10 % margin under the claim's 3.
  const branches = cycleBranches(g, cycles - 1);
  t.atMost(CLAIM.e6Ltp, 'E6 LTP nonlinearity |NL|', 0.9 * NL_MAX, Math.abs(fitNeuroSim(branches.ltp, 'ltp').label), 0.1, 2);
  t.atMost(CLAIM.e6Ltd, 'E6 LTD nonlinearity |NL|', 0.9 * NL_MAX, Math.abs(fitNeuroSim(branches.ltd, 'ltd').label), 0.1, 2);

  let value = 0;
  for (const term of t.list) if (counted(term, opts.exclude)) value += term.weight * term.error * term.error;
  return { value: Number.isFinite(value) ? value : 1e12, terms: t.list };
}
