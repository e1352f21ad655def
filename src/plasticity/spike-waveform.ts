/**
 * Voltage waveforms a neuron applies to its memristor terminals when it
 * spikes (device-native STDP, Zamarreno-Ramos et al. 2011, Front. Neurosci.
 * 5:26): a short leading pulse followed by a longer tail of the opposite
 * sign. The tail may be rectangular, a linear ramp to zero (triangular), or
 * exponential, approximated piecewise-constant: each piece holds the mean of
 * the continuous shape over the piece, so the time integral (volt-seconds)
 * is exact:
 *   rect:   v(t) = tailV
 *   linear: v(t) = tailV (1 - t / T)
 *   exp:    v(t) = tailV exp(-t / tau)
 * for t in [0, T) after the leading pulse, T = tailDurationS. Times are
 * relative to the spike; the waveform is 0 V outside [0, durationS).
 */
export interface SpikeWaveformSpec {
  readonly pulseV: number;
  readonly pulseWidthS: number;
  readonly tailV: number;
  readonly tailDurationS: number;
  readonly tailShape: 'rect' | 'linear' | 'exp';
  /** Time constant of the exponential tail (s). */
  readonly tailTauS?: number;
  /** Number of constant pieces of the tail (1 for rect). */
  readonly pieces?: number;
}

export interface SpikeWaveform {
  /** Piece k holds levelsV[k] on [edgesS[k], edgesS[k + 1]); edgesS[0] = 0. */
  readonly edgesS: Float64Array;
  readonly levelsV: Float64Array;
  readonly durationS: number;
}

export function spikeWaveform(spec: SpikeWaveformSpec, what = 'spike waveform'): SpikeWaveform {
  const bad = (field: string, expected: string, got: unknown): never => {
    throw new Error(`${what}: ${field} must be ${expected}, got ${String(got)}`);
  };
  if (!Number.isFinite(spec.pulseV)) bad('pulseV', 'a finite voltage', spec.pulseV);
  if (!(spec.pulseWidthS > 0) || !Number.isFinite(spec.pulseWidthS)) bad('pulseWidthS', '> 0 s', spec.pulseWidthS);
  if (!Number.isFinite(spec.tailV)) bad('tailV', 'a finite voltage', spec.tailV);
  if (!(spec.tailDurationS >= 0) || !Number.isFinite(spec.tailDurationS)) bad('tailDurationS', '>= 0 s', spec.tailDurationS);
  if (!['rect', 'linear', 'exp'].includes(spec.tailShape)) bad('tailShape', 'rect, linear or exp', spec.tailShape);
  const pieces = spec.tailShape === 'rect' ? 1 : (spec.pieces ?? 10);
  if (!Number.isInteger(pieces) || pieces < 1) bad('pieces', 'a whole number >= 1', spec.pieces);
  const tau = spec.tailTauS ?? spec.tailDurationS / 3;
  if (spec.tailShape === 'exp' && !(tau > 0)) bad('tailTauS', '> 0 s', spec.tailTauS);
  const hasTail = spec.tailDurationS > 0;
  const n = 1 + (hasTail ? pieces : 0);
  const edgesS = new Float64Array(n + 1);
  const levelsV = new Float64Array(n);
  const w = spec.pulseWidthS;
  const T = spec.tailDurationS;
  edgesS[0] = 0;
  levelsV[0] = spec.pulseV;
  edgesS[1] = w;
  for (let k = 0; k < (hasTail ? pieces : 0); k++) {
    const a = (k * T) / pieces;
    const b = ((k + 1) * T) / pieces;
    let mean: number;
    if (spec.tailShape === 'rect') mean = spec.tailV;
    else if (spec.tailShape === 'linear') mean = spec.tailV * (1 - (a + b) / (2 * T));
    else mean = (spec.tailV * tau * (Math.exp(-a / tau) - Math.exp(-b / tau))) / (b - a);
    levelsV[1 + k] = mean;
    edgesS[2 + k] = w + b;
  }
  return { edgesS, levelsV, durationS: edgesS[n] };
}

/** Level of a waveform at time tau after its spike (0 V outside it). */
export function waveformLevel(wf: SpikeWaveform, tauS: number): number {
  if (!(tauS >= 0) || tauS >= wf.durationS) return 0;
  const e = wf.edgesS;
  let k = 0;
  while (e[k + 1] <= tauS) k++;
  return wf.levelsV[k];
}
