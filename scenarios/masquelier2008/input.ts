/**
 * Input of the pattern-learning scenario (after Masquelier, Guyonneau &
 * Thorpe 2008, PLoS ONE 3:e1377): afferents firing as independent Poisson
 * processes, with one 50 ms spatio-temporal pattern (a frozen stretch of
 * Poisson spikes of a subset of the afferents) copied in at random times.
 *
 * Time is cut into slots of one pattern length; a slot holds the pattern
 * with probability q, never two slots in a row (as in the article), so the
 * pattern occupies q / (1 + q) of the time: q = f / (1 - f) for a target
 * fraction f. In a pattern slot the pattern afferents fire exactly their
 * pattern spikes (each jittered by a normal deviate of jitterS); the other
 * afferents, and everyone outside pattern slots, keep firing at rateHz. The
 * pattern afferents therefore have the same rate inside and outside the
 * pattern: only the spike timing gives the pattern away.
 */
import { Rng } from '../../src/kernel/rng.ts';

export interface InputSpec {
  readonly afferents: number;
  readonly rateHz: number;
  /** Fraction of afferents that take part in the pattern. */
  readonly patternAfferentFraction: number;
  readonly patternS: number;
  /** Fraction of the time the pattern is present. */
  readonly patternTimeFraction: number;
  readonly jitterS: number;
  readonly durationS: number;
  readonly seed: number;
}

export interface InputTrains {
  /** Spikes of afferent j: times[start[j]] .. times[start[j + 1] - 1], ascending. */
  readonly start: Int32Array;
  readonly times: Float64Array;
  /** 1 where the afferent takes part in the pattern. */
  readonly inPattern: Uint8Array;
  /** First pattern spike time (s, relative to onset) of each afferent, NaN if none. */
  readonly firstPatternSpikeS: Float64Array;
  /** Onset times of the pattern presentations (s). */
  readonly onsetsS: Float64Array;
}

export function generateInput(spec: InputSpec): InputTrains {
  const { afferents: n, rateHz, patternS, durationS } = spec;
  const rng = new Rng(spec.seed);
  const slots = Math.floor(durationS / patternS);
  const q = spec.patternTimeFraction / (1 - spec.patternTimeFraction);
  const onsets: number[] = [];
  const slotHasPattern = new Uint8Array(slots);
  // The first slot stays free so the neuron starts from noise.
  for (let k = 1; k < slots; k++) {
    if (slotHasPattern[k - 1] === 0 && rng.float() < q) {
      slotHasPattern[k] = 1;
      onsets.push(k * patternS);
    }
  }
  const inPattern = new Uint8Array(n);
  const order = Array.from({ length: n }, (_, j) => j);
  for (let j = n - 1; j > 0; j--) {
    const r = rng.int(j + 1);
    [order[j], order[r]] = [order[r], order[j]];
  }
  const nPat = Math.round(spec.patternAfferentFraction * n);
  for (let k = 0; k < nPat; k++) inPattern[order[k]] = 1;
  // The frozen pattern: a Poisson stretch of patternS for every pattern afferent.
  const pattern: number[][] = [];
  const firstPatternSpikeS = new Float64Array(n).fill(NaN);
  for (let j = 0; j < n; j++) {
    const sp: number[] = [];
    if (inPattern[j]) for (let t = rng.exponential(rateHz); t < patternS; t += rng.exponential(rateHz)) sp.push(t);
    pattern.push(sp);
    if (sp.length > 0) firstPatternSpikeS[j] = sp[0];
  }
  const start = new Int32Array(n + 1);
  const all: Float64Array[] = [];
  let total = 0;
  for (let j = 0; j < n; j++) {
    const sp: number[] = [];
    for (let t = rng.exponential(rateHz); t < durationS; t += rng.exponential(rateHz)) {
      const slot = Math.floor(t / patternS);
      if (!(inPattern[j] && slot < slots && slotHasPattern[slot])) sp.push(t);
    }
    if (inPattern[j]) {
      for (const onset of onsets) {
        for (const tp of pattern[j]) {
          const t = onset + tp + (spec.jitterS > 0 ? spec.jitterS * rng.normal() : 0);
          if (t >= 0 && t < durationS) sp.push(t);
        }
      }
    }
    const arr = Float64Array.from(sp).sort();
    // Spikes closer than 0.1 ms after jitter are merged: an afferent cannot fire twice at once.
    let m = 0;
    for (let k = 0; k < arr.length; k++) if (m === 0 || arr[k] - arr[m - 1] >= 1e-4) arr[m++] = arr[k];
    all.push(arr.subarray(0, m));
    total += m;
    start[j + 1] = total;
  }
  const times = new Float64Array(total);
  for (let j = 0; j < n; j++) times.set(all[j], start[j]);
  return { start, times, inPattern, firstPatternSpikeS, onsetsS: Float64Array.from(onsets) };
}
