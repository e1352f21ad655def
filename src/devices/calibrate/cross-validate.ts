/**
 * Leave-one-out cross-validation of the calibration: for each fitted numeric
 * claim, the calibration is rerun without that claim's terms (same start,
 * seed and budget as a reference refit with every term), and the refit's
 * value for the claim is its prediction, set against the article. The
 * budget per refit is smaller than a full calibration's (stated in the file)
 * so that the whole run fits in 30 minutes on 2 shared cores; the reference
 * refit at the same budget is what the predictions are compared with.
 */
import { article } from '../targets.ts';
import { mose2Model, type Mose2Params } from '../mose2.ts';
import { CLAIM } from '../claims.ts';
import { forgettingAfterTrain, incubationTime, innocuousTrain, learningForgetting, noxiousFirstPulse } from '../experiments.ts';
import { depressionVersusControl, ltpLtdNonlinearity } from '../experiments-e4.ts';
import { calibrate } from './index.ts';
import { LTD_CONTROL_MIN, NL_MAX } from './objective.ts';

export const CROSS_VALIDATION_FILE = 'scenarios/duan2023/cross-validation.json';
export const CV_DEFAULT_ITERATIONS = 3500;

interface Probe {
  readonly claim: string;
  readonly article: number;
  readonly tolerance: string;
  readonly value: (p: Mose2Params) => number;
  readonly holds: (v: number) => boolean;
}

const rel = (a: number, tol: number) => (v: number) => Math.abs(v - a) <= tol * a;

/** The fitted numeric claims and how each is measured on a parameter set. */
export const PROBES: readonly Probe[] = [
  {
    claim: CLAIM.e9Relearning,
    article: article.relearningPulses,
    tolerance: `±${article.relearningTolerancePulses} pulses`,
    value: (p) => learningForgetting(mose2Model.compile(p)).relearningPulses,
    holds: (v) => Math.abs(v - article.relearningPulses) <= article.relearningTolerancePulses,
  },
  ...article.forgettingTauS.map((f, i) => ({
    claim: CLAIM.e10Tau[i],
    article: f.tauS,
    tolerance: '±10 %',
    value: (p: Mose2Params) => forgettingAfterTrain(mose2Model.compile(p), f.amplitudeV).fit.tauS,
    holds: rel(f.tauS, article.forgettingTauRelTol),
  })),
  ...article.incubation.map((x, i) => ({
    claim: CLAIM.e13Incubation[i],
    article: x.incubationS,
    tolerance: '±15 %',
    value: (p: Mose2Params) => incubationTime(mose2Model.compile(p), x.noxiousWidthS),
    holds: rel(x.incubationS, article.incubationRelTol),
  })),
  {
    claim: CLAIM.e11Below,
    article: article.painThresholdA,
    tolerance: '< I_nox over 60 s',
    value: (p) => innocuousTrain(mose2Model.compile(p)).maxCurrentA,
    holds: (v) => v < article.painThresholdA,
  },
  {
    claim: CLAIM.e12Above,
    article: article.painThresholdA,
    tolerance: '> I_nox at pulse 1',
    value: (p) => noxiousFirstPulse(mose2Model.compile(p)).startCurrentA,
    holds: (v) => v > article.painThresholdA,
  },
  { claim: CLAIM.e6Ltp, article: NL_MAX, tolerance: '|NL| <= 3', value: (p) => ltpLtdNonlinearity(mose2Model.compile(p)).ltp.label, holds: (v) => Math.abs(v) <= NL_MAX },
  { claim: CLAIM.e6Ltd, article: -NL_MAX, tolerance: '|NL| <= 3', value: (p) => ltpLtdNonlinearity(mose2Model.compile(p)).ltd.label, holds: (v) => Math.abs(v) <= NL_MAX },
  {
    claim: CLAIM.e4LtdDepression,
    article: LTD_CONTROL_MIN,
    tolerance: '>= 1.5',
    value: (p) => depressionVersusControl(mose2Model.compile(p)).ratio,
    holds: (v) => v >= LTD_CONTROL_MIN,
  },
];

export interface Refit {
  readonly claim: string;
  readonly article: number;
  readonly tolerance: string;
  /** The claim's value after the refit without it. */
  readonly predicted: number;
  /** Its value in the reference refit with every term. */
  readonly fitted: number;
  readonly holds: boolean;
  readonly objectiveWithout: number;
  readonly seconds: number;
}

export interface CrossValidationFile {
  readonly date: string;
  readonly command: string;
  readonly seed: number;
  readonly iterationsPerRefit: number;
  readonly wallSeconds: number;
  readonly reference: { readonly objective: number; readonly seconds: number };
  readonly refits: readonly Refit[];
}

export interface CrossValidationOptions {
  seed: number;
  iterations: number;
  command: string;
  /** Called after each refit (done of total) with the elapsed seconds; and inside a refit with its fraction. */
  onProgress?: (done: number, total: number, fractionOfRefit: number, elapsedS: number) => void;
  only?: readonly string[];
}

export function crossValidate(opts: CrossValidationOptions): CrossValidationFile {
  const t0 = Date.now();
  const probes = opts.only ? PROBES.filter((p) => opts.only!.includes(p.claim)) : PROBES;
  const total = probes.length + 1;
  const elapsed = (): number => (Date.now() - t0) / 1000;
  const run = (k: number, exclude?: ReadonlySet<string>) =>
    calibrate({ seed: opts.seed, iterations: opts.iterations, exclude, onProgress: (f) => opts.onProgress?.(k, total, f, elapsed()) });
  const ref = run(0);
  const refSeconds = elapsed();
  opts.onProgress?.(1, total, 0, elapsed());
  const refits: Refit[] = [];
  probes.forEach((probe, i) => {
    const s0 = elapsed();
    const r = run(i + 1, new Set([probe.claim]));
    const predicted = probe.value(r.params);
    refits.push({
      claim: probe.claim,
      article: probe.article,
      tolerance: probe.tolerance,
      predicted,
      fitted: probe.value(ref.params),
      holds: probe.holds(predicted),
      objectiveWithout: r.evaluation.value,
      seconds: elapsed() - s0,
    });
    opts.onProgress?.(i + 2, total, 0, elapsed());
  });
  return {
    date: new Date().toISOString(),
    command: opts.command,
    seed: opts.seed,
    iterationsPerRefit: opts.iterations,
    wallSeconds: elapsed(),
    reference: { objective: ref.evaluation.value, seconds: refSeconds },
    refits,
  };
}
