/**
 * Stimulus waveforms of the nociceptor experiments (spec E11-E13, Duan et al.
 * Fig. 5b-e), with the conventions of src/devices/experiments.ts so that the
 * nociceptor and the device-level measurements see the same bias history:
 * the read bias READ_BIAS_V between pulses and during rests, pulse k of a
 * train rising at start + k (width + interval).
 */
import { READ_BIAS_V } from '../devices/experiments.ts';
import { piecewise, type PulseInfo, type Waveform } from '../protocols/waveform.ts';

export interface TrainPart {
  readonly amplitudeV: number;
  readonly widthS: number;
  readonly intervalS: number;
  readonly count: number;
  readonly startS: number;
}

/**
 * Pulses at the read bias: a list of trains and single pulses, in time order,
 * not overlapping, followed by the read bias until endS.
 */
export function stimulusWave(parts: readonly TrainPart[], endS: number, readV = READ_BIAS_V): Waveform {
  const points: Array<[number, number]> = [];
  const pulses: PulseInfo[] = [];
  let lastEnd = 0;
  for (const p of parts) {
    if (!(p.widthS > 0) || !(p.intervalS >= 0) || !Number.isInteger(p.count) || p.count < 0) {
      throw new Error(`stimulus: train at ${p.startS} s needs widthS > 0, intervalS >= 0 and a whole count, got ${p.widthS}, ${p.intervalS}, ${p.count}`);
    }
    if (p.startS < lastEnd) throw new Error(`stimulus: train at ${p.startS} s overlaps the one before (ends ${lastEnd} s)`);
    const period = p.widthS + p.intervalS;
    for (let k = 0; k < p.count; k++) {
      // Back-to-back pulses (intervalS = 0): start + k * period can round to just before the previous end.
      const on = k > 0 ? Math.max(p.startS + k * period, lastEnd) : p.startS + k * period;
      const off = on + p.widthS;
      const last = points[points.length - 1];
      if (last && last[0] === on) last[1] = p.amplitudeV;
      else {
        if (points.length === 0 && on > 0) points.push([0, readV]);
        points.push([on, p.amplitudeV]);
      }
      points.push([off, readV]);
      pulses.push({ index: pulses.length, tStartS: on, widthS: p.widthS, vV: p.amplitudeV });
      lastEnd = off;
    }
  }
  if (points.length === 0) points.push([0, readV]);
  return piecewise(points, Math.max(endS, lastEnd), pulses);
}

/** E13: one noxious pulse at t = 0, the rest, then the innocuous train until endS. */
export function injuryThenTrain(
  noxiousV: number,
  noxiousWidthS: number,
  restS: number,
  innocuous: { amplitudeV: number; widthS: number; intervalS: number },
  endS: number,
): { wave: Waveform; trainStartS: number } {
  const trainStartS = noxiousWidthS + restS;
  const count = Math.max(0, Math.floor((endS - trainStartS) / (innocuous.widthS + innocuous.intervalS)));
  const wave = stimulusWave(
    [
      { amplitudeV: noxiousV, widthS: noxiousWidthS, intervalS: 0, count: 1, startS: 0 },
      { ...innocuous, count, startS: trainStartS },
    ],
    endS,
  );
  return { wave, trainStartS };
}
