/**
 * Staircase DC sweeps, the way a source-measure unit performs them: the bias
 * steps by stepV and dwells dwellS at each level. Level j starts at
 * start + j * dwellS.
 */
import { checkFinite, piecewise, type Waveform } from './waveform.ts';

export interface SweepSpec {
  /** Turning points, e.g. [0, 5, 0, -5, 0]. */
  readonly verticesV: readonly number[];
  readonly stepV: number;
  readonly dwellS: number;
  readonly startS?: number;
}

/** The staircase levels visited, turning points included once. */
export function sweepLevels(spec: SweepSpec): number[] {
  const { verticesV, stepV } = spec;
  checkFinite('sweep: stepV', stepV, 0);
  if (!(stepV > 0)) throw new Error(`sweep: stepV must be > 0, got ${stepV}`);
  if (verticesV.length < 2) throw new Error('sweep: needs at least two vertices');
  const levels: number[] = [verticesV[0]];
  for (let s = 1; s < verticesV.length; s++) {
    const a = verticesV[s - 1];
    const b = verticesV[s];
    const n = Math.max(1, Math.round(Math.abs(b - a) / stepV));
    for (let j = 1; j <= n; j++) levels.push(a + ((b - a) * j) / n);
  }
  return levels;
}

export function dcSweep(spec: SweepSpec): Waveform {
  checkFinite('sweep: dwellS', spec.dwellS, 0);
  if (!(spec.dwellS > 0)) throw new Error(`sweep: dwellS must be > 0, got ${spec.dwellS}`);
  const start = spec.startS ?? 0;
  const levels = sweepLevels(spec);
  const points = levels.map((v, j) => [start + j * spec.dwellS, v] as [number, number]);
  return piecewise(points, start + levels.length * spec.dwellS);
}
