/**
 * Stimulations of a running circuit and their log (docs in README, "Live
 * stimulation"): a touch or noxious pulse on a spot of a receptor grid, or a
 * named stimulus of the circuit scaled from a given time on. The live server
 * validates each request with checkStimulation, picks its time
 * (stimulationTime) and adds it to the running network (applyStimulation);
 * `memspike run circuit.json --stimulation log.json` reads the same log
 * (readStimulationLog) and adds every entry before the run starts, which
 * gives the live run's spikes bit for bit (the tie rule in
 * src/network/drive.ts).
 *
 * Log format (JSON):
 *   { "format": "memspike-stimulation-log", "version": 1,
 *     "circuit": "skin-patch", "seed": 1,
 *     "stimulations": [
 *       { "tS": 2.5, "kind": "noxious", "population": "skin", "cx": 3, "cy": 4,
 *         "radius": 1.5, "amplitudeV": 7, "widthS": 1 },
 *       { "tS": 4, "kind": "touch", "population": "skin", "neurons": [0, 1, 2],
 *         "amplitudeV": 2, "widthS": 0.5 },
 *       { "tS": 6, "kind": "amplitude", "stimulus": "touch", "factor": 1.5 } ] }
 * A spot is either a centre and radius (grid units; receptor x = index %
 * width, y = floor(index / width); every receptor within the radius, disc
 * profile) or a list of receptor indices. amplitudeV is the drive level added
 * for widthS seconds (V for nociceptors; the model's drive unit). factor
 * multiplies the named stimulus's levels from tS on (1 = as written).
 */
import { readFileSync } from 'node:fs';
import type { Network } from '../network/index.ts';
import type { Circuit } from './schema.ts';
import { CircuitError } from './load.ts';

export type SpotKind = 'touch' | 'noxious';
export interface SpotStimulation {
  readonly tS: number;
  readonly kind: SpotKind;
  readonly population: string;
  readonly cx?: number;
  readonly cy?: number;
  readonly radius?: number;
  readonly neurons?: readonly number[];
  readonly amplitudeV: number;
  readonly widthS: number;
}
export interface AmplitudeStimulation {
  readonly tS: number;
  readonly kind: 'amplitude';
  readonly stimulus: string;
  readonly factor: number;
}
export type Stimulation = SpotStimulation | AmplitudeStimulation;
/** A request from the viewer: a stimulation without its time (the server picks it). */
export type StimulationRequest = Omit<SpotStimulation, 'tS'> | Omit<AmplitudeStimulation, 'tS'>;

export interface StimulationLog {
  readonly format: 'memspike-stimulation-log';
  readonly version: 1;
  readonly circuit?: string;
  readonly seed?: number;
  readonly stimulations: readonly Stimulation[];
}

export const STIMULATION_LIMITS = {
  /** Entries of one run's log. */
  maxStimulations: 1000,
  maxAmplitudeV: 20,
  maxWidthS: 60,
  maxRadius: 64,
  maxFactor: 10,
  /** The live server's time step: a stimulation starts at the next multiple after the present time. */
  stepS: 0.01,
} as const;

export class StimulationError extends Error {}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

/** Named stimuli of a circuit, with their index in the circuit (= in its network description). */
export function namedStimuli(c: Circuit): { name: string; index: number }[] {
  return (c.stimuli ?? []).flatMap((s, index) => (s.name !== undefined ? [{ name: s.name, index }] : []));
}

/** Receptors of a grid within radius of (cx, cy), ascending index. */
export function spotNeurons(grid: { width: number; height: number }, cx: number, cy: number, radius: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < grid.height; y++) for (let x = 0; x < grid.width; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= radius * radius) out.push(y * grid.width + x);
  return out;
}

/**
 * Validates one stimulation (or, withTime false, a request without tS)
 * against the circuit; `where` prefixes every message (e.g. "log.json:
 * stimulations.2"). Returns a clean copy holding only the known fields.
 */
export function checkStimulation(raw: unknown, c: Circuit, where: string, withTime = true): Stimulation | StimulationRequest {
  const L = STIMULATION_LIMITS;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new StimulationError(`${where}: expected an object, got ${show(raw)}`);
  const o = raw as Record<string, unknown>;
  const num = (k: string, lo: number, hi: number, open = false): number => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (open && v === lo)) {
      throw new StimulationError(`${where}.${k}: expected a finite number in ${open ? '(' : '['}${lo}, ${hi}], got ${show(v)}`);
    }
    return v;
  };
  const allowed = (keys: string[]): void => {
    const extra = Object.keys(o).filter((k) => !keys.includes(k));
    if (extra.length > 0) throw new StimulationError(`${where}: unknown field(s) ${extra.slice(0, 5).map((k) => show(k)).join(', ')}; expected ${keys.join(', ')}`);
  };
  const time = withTime ? { tS: num('tS', 0, c.durationS) } : {};
  const kinds = ['touch', 'noxious', 'amplitude'];
  if (!kinds.includes(o.kind as string)) throw new StimulationError(`${where}.kind: expected one of ${kinds.map((k) => `"${k}"`).join(', ')}, got ${show(o.kind)}`);
  if (o.kind === 'amplitude') {
    allowed(['tS', 'kind', 'stimulus', 'factor']);
    const named = namedStimuli(c);
    if (!named.some((s) => s.name === o.stimulus)) {
      throw new StimulationError(`${where}.stimulus: expected the name of a stimulus of the circuit (${named.map((s) => `"${s.name}"`).join(', ') || 'it names none'}), got ${show(o.stimulus)}`);
    }
    return { ...time, kind: 'amplitude', stimulus: o.stimulus as string, factor: num('factor', 0, L.maxFactor) } as Stimulation;
  }
  allowed(['tS', 'kind', 'population', 'cx', 'cy', 'radius', 'neurons', 'amplitudeV', 'widthS']);
  const grids = c.populations.filter((p) => p.grid);
  const pop = c.populations.find((p) => p.name === o.population);
  if (!pop || !pop.grid) {
    const known = grids.map((p) => `"${p.name}"`).join(', ') || 'the circuit has none';
    throw new StimulationError(`${where}.population: expected a population with a grid (${known}), got ${show(o.population)}${pop ? ' (it has no grid)' : ''}`);
  }
  const g = pop.grid;
  const out: Record<string, unknown> = { ...time, kind: o.kind, population: pop.name };
  if (o.neurons !== undefined) {
    if ('cx' in o || 'cy' in o || 'radius' in o) throw new StimulationError(`${where}: give either "neurons" or "cx", "cy" and "radius", not both`);
    const list = o.neurons;
    if (!Array.isArray(list) || list.length === 0 || list.length > pop.size) throw new StimulationError(`${where}.neurons: expected 1 to ${pop.size} receptor indices, got ${show(list)}`);
    const seen = new Set<number>();
    list.forEach((v, k) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= pop.size || seen.has(v)) {
        throw new StimulationError(`${where}.neurons.${k}: expected a distinct whole number in [0, ${pop.size - 1}], got ${show(v)}`);
      }
      seen.add(v);
    });
    out.neurons = [...list] as number[];
  } else {
    out.cx = num('cx', 0, g.width - 1);
    out.cy = num('cy', 0, g.height - 1);
    out.radius = num('radius', 0, L.maxRadius);
  }
  out.amplitudeV = num('amplitudeV', -L.maxAmplitudeV, L.maxAmplitudeV);
  out.widthS = num('widthS', 0, L.maxWidthS, true);
  return out as unknown as Stimulation;
}

/** The receptors a spot stimulation covers. */
export function stimulationNeurons(c: Circuit, s: SpotStimulation): number[] {
  if (s.neurons) return [...s.neurons];
  const grid = c.populations.find((p) => p.name === s.population)!.grid!;
  return spotNeurons(grid, s.cx!, s.cy!, s.radius!);
}

/**
 * The live server's time for a stimulation received at simulated time nowS:
 * the next multiple of stepS strictly after it at which neither its start
 * nor its end meets a stimulus edge of the circuit (drive.ts, tie rule).
 */
export function stimulationTime(net: Network, nowS: number, widthS: number, stepS: number = STIMULATION_LIMITS.stepS): number {
  let k = Math.floor(nowS / stepS) + 1;
  for (;;) {
    const t = k * stepS;
    if (t > nowS && !net.stimulusEdgeAt(t) && !(widthS > 0 && net.stimulusEdgeAt(t + widthS))) return t;
    k++;
  }
}

/** Adds a validated stimulation to the network (before or during the run). */
export function applyStimulation(net: Network, c: Circuit, s: Stimulation): void {
  if (s.kind === 'amplitude') {
    net.scaleStimulus(namedStimuli(c).find((x) => x.name === s.stimulus)!.index, s.factor, s.tS);
    return;
  }
  const neurons = stimulationNeurons(c, s);
  if (neurons.length === 0) throw new StimulationError(`the spot at (${s.cx}, ${s.cy}) with radius ${s.radius} covers no receptor of "${s.population}"`);
  net.addDrivePulse({ population: s.population, neurons, amplitude: s.amplitudeV, startS: s.tS, widthS: s.widthS });
}

/** Reads and validates a stimulation log file against the circuit; errors name the file and the JSON path. */
export function readStimulationLog(file: string, c: Circuit): StimulationLog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CircuitError(`${file}: ${err.code ? `cannot read the stimulation log (${err.code})` : `not valid JSON (${err.message.slice(0, 200)})`}`);
  }
  const o = raw as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object' || o.format !== 'memspike-stimulation-log' || o.version !== 1) {
    throw new CircuitError(`${file}: expected a stimulation log ({"format": "memspike-stimulation-log", "version": 1, "stimulations": [...]})`);
  }
  if (!Array.isArray(o.stimulations)) throw new CircuitError(`${file}: stimulations: expected an array, got ${show(o.stimulations)}`);
  if (o.stimulations.length > STIMULATION_LIMITS.maxStimulations) throw new CircuitError(`${file}: stimulations: at most ${STIMULATION_LIMITS.maxStimulations} entries, got ${o.stimulations.length}`);
  try {
    const list = o.stimulations.map((s, k) => checkStimulation(s, c, `${file}: stimulations.${k}`) as Stimulation);
    list.forEach((s, k) => {
      if (s.kind !== 'amplitude' && stimulationNeurons(c, s).length === 0) throw new StimulationError(`${file}: stimulations.${k}: the spot covers no receptor`);
    });
    return { format: 'memspike-stimulation-log', version: 1, circuit: o.circuit as string | undefined, seed: o.seed as number | undefined, stimulations: list };
  } catch (e) {
    if (e instanceof StimulationError) throw new CircuitError(e.message);
    throw e;
  }
}
