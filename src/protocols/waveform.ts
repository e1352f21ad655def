/**
 * Piecewise-constant voltage waveforms. Every edge time is computed from an
 * absolute formula (start + k * period), never by accumulating durations, so
 * the 1000th pulse starts exactly where the formula says.
 */

export interface PulseInfo {
  readonly index: number;
  readonly tStartS: number;
  readonly widthS: number;
  readonly vV: number;
}

export interface Waveform {
  /** Edge times (s), strictly ascending; edgeTimesS[0] is the waveform start. */
  readonly edgeTimesS: Float64Array;
  /** Voltage (V) held from edgeTimesS[i] until the next edge (or endS). */
  readonly levelsV: Float64Array;
  /** End of the waveform (s). */
  readonly endS: number;
  /** Pulses (above the read bias) for per-pulse tables; may be empty. */
  readonly pulses: readonly PulseInfo[];
}

export interface PulseTrainSpec {
  amplitudeV: number;
  widthS: number;
  /** Gap from the end of one pulse to the start of the next (s). */
  intervalS: number;
  count: number;
  /** Time of the first rising edge (s). */
  startS?: number;
  /** Bias between pulses (V). */
  readV?: number;
  /** Time the waveform ends (s); default: end of the last pulse plus one interval. */
  endS?: number;
}

export function checkFinite(what: string, v: number, min = -Infinity): void {
  if (!Number.isFinite(v) || v < min) throw new Error(`${what} must be a finite number >= ${min}, got ${v}`);
}

/** Builds a waveform from (time, level) pairs given in ascending time. */
export function piecewise(points: ReadonlyArray<readonly [number, number]>, endS: number, pulses: PulseInfo[] = []): Waveform {
  if (points.length === 0) throw new Error('waveform: needs at least one (time, voltage) point');
  const t = new Float64Array(points.length);
  const v = new Float64Array(points.length);
  points.forEach(([ti, vi], i) => {
    checkFinite(`waveform: time of point ${i}`, ti);
    checkFinite(`waveform: voltage of point ${i}`, vi);
    if (i > 0 && !(ti > t[i - 1])) throw new Error(`waveform: times must be strictly ascending (point ${i}: ${ti} after ${t[i - 1]})`);
    t[i] = ti;
    v[i] = vi;
  });
  if (!(endS >= t[t.length - 1])) throw new Error(`waveform: end ${endS} s is before the last edge ${t[t.length - 1]} s`);
  return { edgeTimesS: t, levelsV: v, endS, pulses };
}

/** Rectangular pulse train: pulse k rises at start + k (width + interval). */
export function pulseTrain(spec: PulseTrainSpec, firstIndex = 0): Waveform {
  const { amplitudeV, widthS, intervalS, count } = spec;
  const startS = spec.startS ?? 0;
  const readV = spec.readV ?? 0;
  checkFinite('pulse train: amplitudeV', amplitudeV);
  checkFinite('pulse train: widthS', widthS, 0);
  checkFinite('pulse train: intervalS', intervalS, 0);
  if (!Number.isInteger(count) || count < 0) throw new Error(`pulse train: count must be a whole number >= 0, got ${count}`);
  if (!(widthS > 0)) throw new Error(`pulse train: widthS must be > 0, got ${widthS}`);
  const period = widthS + intervalS;
  const points: Array<[number, number]> = [];
  const pulses: PulseInfo[] = [];
  if (startS > 0) points.push([0, readV]);
  for (let k = 0; k < count; k++) {
    const on = startS + k * period;
    points.push([on, amplitudeV]);
    if (intervalS > 0 || k === count - 1) points.push([on + widthS, readV]);
    pulses.push({ index: firstIndex + k, tStartS: on, widthS, vV: amplitudeV });
  }
  const lastEnd = startS + (count - 1) * period + widthS;
  const endS = spec.endS ?? lastEnd + intervalS;
  return piecewise(points, Math.max(endS, lastEnd), pulses);
}

/** Concatenates waveforms that do not overlap (each keeps its absolute times). */
export function concat(parts: readonly Waveform[], endS?: number): Waveform {
  const points: Array<[number, number]> = [];
  const pulses: PulseInfo[] = [];
  for (const w of parts) {
    for (let i = 0; i < w.edgeTimesS.length; i++) {
      const t = w.edgeTimesS[i];
      const last = points[points.length - 1];
      // A later part's lead-in (e.g. a train's read bias from t = 0) that the
      // earlier parts already cover at the same level adds nothing.
      if (last && i === 0 && t < last[0] && w.levelsV[0] === last[1]) continue;
      if (last && t === last[0]) last[1] = w.levelsV[i];
      else points.push([t, w.levelsV[i]]);
    }
    for (const p of w.pulses) pulses.push({ ...p, index: pulses.length });
  }
  const end = endS ?? parts[parts.length - 1].endS;
  return piecewise(points, end, pulses);
}

/** Voltage of the waveform at time t (right-continuous). */
export function levelAt(w: Waveform, tS: number): number {
  let lo = 0;
  let hi = w.edgeTimesS.length - 1;
  if (tS < w.edgeTimesS[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (w.edgeTimesS[mid] <= tS) lo = mid;
    else hi = mid - 1;
  }
  return w.levelsV[lo];
}
