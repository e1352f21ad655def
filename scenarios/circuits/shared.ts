/**
 * Shared code of the circuits of nociceptors: their descriptions read from
 * circuits/*.json with the scenario's parameters applied, their standard files and state
 * counts over time, replayed from the recorded state changes. (The periodic
 * sensitisation check is the nociceptor model's own network event.)
 */
import type { SpikeRecorder } from '../../src/network/index.ts';
import type { ColumnTable } from '../../src/record/table.ts';
import { writeTable, type OutputTarget } from '../../src/harness/output.ts';
import { fileURLToPath } from 'node:url';
import { prepareCircuit, readCircuitJson, type LoadOptions } from '../../src/circuit/load.ts';
import type { NetworkDescription } from '../../src/network/index.ts';

/** Path of a built-in circuit file (circuits/NAME.json at the top of the repository). */
export function circuitFile(name: string): string {
  return fileURLToPath(new URL(`../../circuits/${name}.json`, import.meta.url));
}

const cache = new Map<string, unknown>();

/**
 * The network description of built-in circuit `name` with the scenario's
 * parameters applied as JSON-path overrides (the file holds the defaults).
 */
export function circuitNetwork(name: string, sets: ReadonlyArray<readonly [string, unknown]>, opts: Omit<LoadOptions, 'sets'> = {}): NetworkDescription {
  const file = circuitFile(name);
  let raw = cache.get(file);
  if (raw === undefined) {
    raw = readCircuitJson(file);
    cache.set(file, raw);
  }
  return prepareCircuit(raw, `circuits/${name}.json`, { ...opts, sets }).network;
}

/** Writes spikes.csv (t_s,neuron) and states.csv (t_s,neuron,from,to). */
export function writeCircuitTables(to: OutputTarget, rec: SpikeRecorder): void {
  writeTable(to, 'spikes.csv', rec.spikesTable());
  writeTable(to, 'states.csv', rec.stateChanges);
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
