/**
 * Reading a staircase DC sweep the way a source-measure unit reports it: one
 * (V, I) point per level, taken at the end of the level's dwell; and the
 * figures of a pinched hysteresis loop computed from those points.
 */
import type { ColumnTable } from '../record/table.ts';
import type { Waveform } from '../protocols/waveform.ts';

export interface LevelSamples {
  readonly vV: Float64Array;
  readonly iA: Float64Array;
  /** State conductance (S) at the end of the level. */
  readonly gS: Float64Array;
  readonly tS: Float64Array;
}

/** The trace row at the end of every level of `wave` (still at that level's bias). */
export function levelEndSamples(trace: ColumnTable, wave: Waveform, tolS = 1e-9): LevelSamples {
  const t = trace.column('t_s');
  const v = trace.column('v_V');
  const i = trace.column('i_A');
  const g = trace.column('g_S');
  const n = wave.levelsV.length;
  const out = { vV: new Float64Array(n), iA: new Float64Array(n), gS: new Float64Array(n), tS: new Float64Array(n) };
  let r = 0;
  for (let j = 0; j < n; j++) {
    const end = j + 1 < n ? wave.edgeTimesS[j + 1] : wave.endS;
    const level = wave.levelsV[j];
    while (r < t.length && !(t[r] >= end - tolS && v[r] === level)) r++;
    if (r >= t.length || t[r] > end + tolS) throw new Error(`levelEndSamples: no trace row at ${level} V at the end of level ${j} (t = ${end} s)`);
    out.vV[j] = level;
    out.iA[j] = i[r];
    out.gS[j] = g[r];
    out.tS[j] = t[r];
  }
  return out;
}

/**
 * Area enclosed by the I-V loop, lobe by lobe: |sum of trapezoids I dV| over
 * consecutive points that are both at V >= 0 (positive lobe) or both at
 * V <= 0 (negative lobe). Lobes are summed in magnitude because a pinched
 * loop's two lobes run in opposite senses and would cancel. Units V A = W.
 */
export function loopAreas(vV: ArrayLike<number>, iA: ArrayLike<number>): { positiveW: number; negativeW: number } {
  let pos = 0;
  let neg = 0;
  for (let k = 1; k < vV.length; k++) {
    const a = (0.5 * (iA[k] + iA[k - 1])) * (vV[k] - vV[k - 1]);
    if (vV[k] >= 0 && vV[k - 1] >= 0) pos += a;
    else if (vV[k] <= 0 && vV[k - 1] <= 0) neg += a;
  }
  return { positiveW: Math.abs(pos), negativeW: Math.abs(neg) };
}

/** Largest |x[k] - x[k-1]| / max(|x[k]|, |x[k-1]|): the biggest jump between consecutive points. */
export function largestRelativeStep(xs: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 1; k < xs.length; k++) {
    const d = Math.abs(xs[k] - xs[k - 1]);
    const m = Math.max(Math.abs(xs[k]), Math.abs(xs[k - 1]));
    if (m > 0 && d / m > worst) worst = d / m;
  }
  return worst;
}

/**
 * Compares the outgoing and returning halves of one sweep excursion
 * (levels from..to..from, turning point at index `turn`): for each bias the
 * ratio |I_return| / |I_out|, matched by position (level turn - k against
 * turn + k). Returns the smallest and largest ratio over the excursion,
 * 0 V excluded (where both currents vanish).
 */
export function branchRatios(vV: ArrayLike<number>, iA: ArrayLike<number>, startIdx: number, turnIdx: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 1; turnIdx - k >= startIdx && turnIdx + k < vV.length; k++) {
    const out = turnIdx - k;
    const back = turnIdx + k;
    if (vV[out] === 0 || Math.abs(vV[out] - vV[back]) > 1e-9 * Math.max(1, Math.abs(vV[out]))) continue;
    const r = Math.abs(iA[back]) / Math.abs(iA[out]);
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return { min, max };
}
