/**
 * Helpers for circuits of nociceptors on the network layer (src/network):
 * the periodic sensitisation check, live simulations whose current probes
 * carry the I_nox line, standard files, and state counts over time.
 *
 * Periodic check: the network re-evaluates a neuron's state code after every
 * event that touches it. A stimulus of level 0 with an edge every
 * checkIntervalS touches every receptor (brings it forward, re-predicts) and
 * adds nothing to its drive (overlapping stimuli add), so relaxation back to
 * normal is seen even when no stimulus changes.
 */
import { liveNetwork, type Network, type SpikeRecorder, type StimulusDesc } from '../network/index.ts';
import type { ColumnTable } from '../record/table.ts';
import { writeTable } from '../harness/output.ts';
import type { LiveSimulation } from '../sinks/types.ts';
import { SENSITISATION_STATES } from './nociceptor-state.ts';

/**
 * A zero-level stimulus with edges every `intervalS` up to `untilS`, segment
 * by segment (e.g. fine while stimuli change, coarse during a long recovery).
 * Edge times are start + k * interval, never accumulated.
 */
export function checkClock(population: string, segments: ReadonlyArray<{ readonly intervalS: number; readonly untilS: number }>): StimulusDesc {
  const points: Array<[number, number]> = [];
  let from = 0;
  for (const seg of segments) {
    if (!(seg.intervalS > 0)) throw new Error(`sensitisation check: interval must be > 0 s, got ${seg.intervalS}`);
    for (let k = 1; from + k * seg.intervalS <= seg.untilS; k++) points.push([from + k * seg.intervalS, 0]);
    if (points.length > 0) from = points[points.length - 1][0];
  }
  if (points.length === 0) points.push([0, 0]);
  return { kind: 'uniform', population, waveform: { kind: 'points', points } };
}

/** The network as a live simulation; probes of `i_A` get the pain threshold line. */
export function liveWithThreshold(net: Network, thresholdA: number): LiveSimulation {
  const live = liveNetwork(net, SENSITISATION_STATES);
  return { ...live, probes: live.probes.map((p) => (p.name.endsWith('.i_A') ? { ...p, threshold: thresholdA } : p)) };
}

/** Writes spikes.csv (t_s,neuron) and states.csv (t_s,neuron,from,to). */
export function writeCircuitTables(outDir: string, rec: SpikeRecorder): void {
  writeTable(outDir, 'spikes.csv', rec.spikesTable());
  writeTable(outDir, 'states.csv', rec.stateChanges);
}

/**
 * Number of neurons in global range [first, first + count) in state `code`
 * at each of `timesS` (ascending), replaying the recorded state changes;
 * every neuron starts normal (code 0).
 */
export function stateCountOverTime(changes: ColumnTable, first: number, count: number, code: number, timesS: ArrayLike<number>): Float64Array {
  const cur = new Uint8Array(count);
  const out = new Float64Array(timesS.length);
  let n = code === 0 ? count : 0;
  let r = 0;
  for (let k = 0; k < timesS.length; k++) {
    while (r < changes.rows && changes.get(r, 0) <= timesS[k]) {
      const g = changes.get(r, 1) - first;
      if (g >= 0 && g < count) {
        const to = changes.get(r, 3);
        if (cur[g] === code) n--;
        if (to === code) n++;
        cur[g] = to;
      }
      r++;
    }
    out[k] = n;
  }
  return out;
}

/** Neurons of [first, first + count) in state `code` at some time in [fromS, toS] (1) or never (0). */
export function inStateDuring(changes: ColumnTable, first: number, count: number, code: number, fromS: number, toS: number): Uint8Array {
  const cur = new Uint8Array(count);
  const hit = new Uint8Array(count);
  let r = 0;
  for (; r < changes.rows && changes.get(r, 0) <= fromS; r++) {
    const g = changes.get(r, 1) - first;
    if (g >= 0 && g < count) cur[g] = changes.get(r, 3);
  }
  for (let g = 0; g < count; g++) if (cur[g] === code) hit[g] = 1;
  for (; r < changes.rows && changes.get(r, 0) <= toS; r++) {
    const g = changes.get(r, 1) - first;
    if (g >= 0 && g < count && changes.get(r, 3) === code) hit[g] = 1;
  }
  return hit;
}
