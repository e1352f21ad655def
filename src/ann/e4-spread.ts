/**
 * Cycle-to-cycle spread of the E4 step sizes, measured from the device model.
 *
 * The calibrated preset is one deterministic device: its E4 cycles differ only
 * by a slow drift, so it carries no cycle-to-cycle spread of its own. The
 * model's variation mechanism (src/devices/variation.ts: every cycle a freshly
 * drawn device, conductance weights and rates scaled by lognormal factors of
 * spread variationPct) supplies it; the level used is DEVICE_C2C_PCT = 3.5 %,
 * the cycle-to-cycle spread of Gmax and Gmin the calibration allows for E4
 * ("cycles repeat well", src/devices/calibrate/objective.ts). The E4 protocol
 * is run for the 20 cycles of Fig. S3, each cycle on its own draw, and
 *   sigma_k = std_c(dG_k^c) / mean_c(dG_k^c)   over cycles 2 .. 20,
 * for every pulse k of both branches (dG_k^c the k-th step of cycle c); the
 * relative step spread is the mean of sigma_k over the 2 N steps. Training
 * scales every pulse's step by max(0, 1 + sigma z), z ~ N(0, 1) (e4-layer.ts).
 */
import { devices } from '../devices/registry.ts';
import { varyMose2 } from '../devices/variation.ts';
import { Rng } from '../kernel/rng.ts';
import { article } from '../devices/targets.ts';
import { E4_PROTOCOL, measureE4, type E4Cycles } from './e4-table.ts';

/** Cycle-to-cycle variation of the device model's parameters used for the spread (%). */
export const DEVICE_C2C_PCT = 3.5;

export interface StepSpread {
  /** Mean relative spread of one pulse's step over the cycles (fraction). */
  readonly relStepSpread: number;
  /** The same for the potentiation and depression branches alone. */
  readonly ltp: number;
  readonly ltd: number;
  /** Relative std of Gmax (top of LTP) over the cycles used. */
  readonly gMaxSpread: number;
  readonly cycles: number;
  readonly variationPct: number;
}

function relStd(xs: readonly number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  return Math.sqrt(v) / Math.abs(m);
}

/** Step spread of E4 cycles (cycles 2 .. end). */
export function stepSpread(c: E4Cycles, variationPct: number): StepSpread {
  const n = c.ltp[0].length - 1;
  const branch = (rows: readonly Float64Array[]): number => {
    let s = 0;
    for (let k = 1; k <= n; k++) {
      const steps: number[] = [];
      for (let r = 1; r < rows.length; r++) steps.push(Math.abs(rows[r][k] - rows[r][k - 1]));
      s += relStd(steps);
    }
    return s / n;
  };
  const ltp = branch(c.ltp);
  const ltd = branch(c.ltd);
  return {
    relStepSpread: (ltp + ltd) / 2,
    ltp,
    ltd,
    gMaxSpread: relStd(c.ltp.slice(1).map((b) => b[n])),
    cycles: c.ltp.length,
    variationPct,
  };
}

/** Runs the 20 cycles of Fig. S3 on the mose2 model, each on its own draw at variationPct, seeded. */
export function measureStepSpread(seed: number, variationPct = DEVICE_C2C_PCT, cycles: number = article.ltpLtd.cyclesLong): StepSpread {
  const entry = devices.mose2;
  const rng = new Rng(seed);
  const c = measureE4(() => entry.model.compile(varyMose2(entry.preset, rng, variationPct)), { ...E4_PROTOCOL, cycles });
  return stepSpread(c, variationPct);
}
