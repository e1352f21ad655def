/**
 * Calibration of the MoSe2 preset: minimises the objective of ./objective.ts
 * over the log-parameters of ./space.ts with the seeded optimiser of
 * ./optimise.ts, from the fixed starting point CALIBRATION_START (so the
 * result depends on the seed and the budget only, not on the preset file it
 * will overwrite).
 */
import type { Mose2Params } from '../mose2.ts';
import { SEARCH_DECAY_SAMPLE_S, evaluate, type Evaluation } from './objective.ts';
import { minimise } from './optimise.ts';
import { LOG_HI, LOG_LO, fromLog, toLog } from './space.ts';
import { renderPreset, roundParams } from './preset-file.ts';
import { CALIBRATION_START } from './start.ts';

export interface CalibrationOptions {
  seed: number;
  /** Budget of objective evaluations. */
  iterations: number;
  onProgress?: (fraction: number, best: number) => void;
  /** Claim ids left out of the objective (leave-one-out refits). */
  exclude?: ReadonlySet<string>;
}

export interface Calibration {
  params: Mose2Params;
  evaluation: Evaluation;
  evals: number;
  /** The preset file's text. */
  presetSource: string;
}

export const DEFAULT_ITERATIONS = 20000;

export function calibrate(opts: CalibrationOptions): Calibration {
  const base = CALIBRATION_START;
  const exclude = opts.exclude;
  const r = minimise((u) => evaluate(fromLog(base, u), { decaySampleS: SEARCH_DECAY_SAMPLE_S, exclude }).value, toLog(base), {
    lo: LOG_LO,
    hi: LOG_HI,
    seed: opts.seed,
    maxEvals: opts.iterations,
    screenPoints: Math.min(200, Math.floor(opts.iterations / 10)),
    step: 0.5,
    onProgress: (evals, best) => opts.onProgress?.(evals / opts.iterations, best),
  });
  const params = roundParams(fromLog(base, r.x));
  const evaluation = evaluate(params, { exclude });
  return { params, evaluation, evals: r.evals, presetSource: renderPreset(params, evaluation, { seed: opts.seed, iterations: opts.iterations, evals: r.evals }) };
}
