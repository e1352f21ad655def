/**
 * Back-to-back pulse trains (e.g. 25 potentiating then 25 depressing pulses,
 * repeated): one waveform, pulses numbered globally. Pulse k of block b rises
 * at blockStart_b + k (width_b + interval_b), with blockStart_b = start plus the
 * summed durations count_j (width_j + interval_j) of the blocks before it, each
 * computed from the block list (never by accumulating edge times).
 */
import { checkFinite, piecewise, type PulseInfo, type Waveform } from './waveform.ts';

export interface PulseBlock {
  readonly amplitudeV: number;
  readonly widthS: number;
  /** Gap from the end of one pulse to the start of the next (s). */
  readonly intervalS: number;
  readonly count: number;
}

export interface PulseBlocksOptions {
  /** Rising edge of the first pulse (s). */
  readonly startS?: number;
  /** Start of the waveform (s), <= startS; the read bias is held from here to startS. Default 0. */
  readonly beginS?: number;
  /** Bias between pulses (V). */
  readonly readV?: number;
  /** End of the waveform (s); default: end of the last block (its last interval included). */
  readonly endS?: number;
}

/** Start time (s) of every block and, last, the end of the last block. */
export function blockStarts(blocks: readonly PulseBlock[], startS = 0): number[] {
  const out = [startS];
  let acc = 0;
  for (const b of blocks) {
    acc += b.count * (b.widthS + b.intervalS);
    out.push(startS + acc);
  }
  return out;
}

export function pulseBlocks(blocks: readonly PulseBlock[], opts: PulseBlocksOptions = {}): Waveform {
  const startS = opts.startS ?? 0;
  const readV = opts.readV ?? 0;
  const beginS = opts.beginS ?? 0;
  checkFinite('pulse blocks: startS', startS, 0);
  checkFinite('pulse blocks: beginS', beginS, 0);
  if (beginS > startS) throw new Error(`pulse blocks: beginS ${beginS} s is after the first pulse at ${startS} s`);
  checkFinite('pulse blocks: readV', readV);
  if (blocks.length === 0) throw new Error('pulse blocks: need at least one block');
  blocks.forEach((b, i) => {
    checkFinite(`pulse blocks: block ${i} amplitudeV`, b.amplitudeV);
    checkFinite(`pulse blocks: block ${i} widthS`, b.widthS, 0);
    checkFinite(`pulse blocks: block ${i} intervalS`, b.intervalS, 0);
    if (!(b.widthS > 0)) throw new Error(`pulse blocks: block ${i} widthS must be > 0, got ${b.widthS}`);
    if (!Number.isInteger(b.count) || b.count < 1) throw new Error(`pulse blocks: block ${i} count must be a whole number >= 1, got ${b.count}`);
  });
  const starts = blockStarts(blocks, startS);
  const points: Array<[number, number]> = [];
  const push = (t: number, v: number): void => {
    const last = points[points.length - 1];
    // A pulse that starts where the previous one ends replaces its falling edge.
    if (last && last[0] === t) last[1] = v;
    else points.push([t, v]);
  };
  const pulses: PulseInfo[] = [];
  if (beginS < startS) push(beginS, readV);
  blocks.forEach((b, bi) => {
    const period = b.widthS + b.intervalS;
    for (let k = 0; k < b.count; k++) {
      const on = starts[bi] + k * period;
      push(on, b.amplitudeV);
      push(on + b.widthS, readV);
      pulses.push({ index: pulses.length, tStartS: on, widthS: b.widthS, vV: b.amplitudeV });
    }
  });
  const natural = starts[starts.length - 1];
  const endS = opts.endS ?? natural;
  const lastFall = points[points.length - 1][0];
  if (!(endS >= lastFall)) throw new Error(`pulse blocks: endS ${endS} s is before the last falling edge at ${lastFall} s`);
  return piecewise(points, endS, pulses);
}
