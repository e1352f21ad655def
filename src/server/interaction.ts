/**
 * The viewer protocol's interactive part (imported by protocol.ts; the page
 * bundles it too, so nothing here touches Node): running a circuit file the
 * page sends, stimulating a run, and what the server says about both.
 *
 * Client -> server
 *   { type: "start-circuit", file: "my-circuit.json", text: "<the file's JSON>",
 *     seed?, pace?, paused? }       at most MAX_CIRCUIT_MESSAGE_BYTES in all
 *   { type: "stimulate", kind: "touch" | "noxious", population, cx, cy, radius,
 *     amplitudeV, widthS }          or neurons: [...] instead of cx, cy, radius
 *   { type: "stimulate", kind: "amplitude", stimulus, factor }
 * The protocol checks the shape here; the run's thread checks every value
 * against the circuit (src/circuit/stimulation.ts), picks the simulated time
 * and answers with a `stimulation` message (the log entry) or an `error`.
 */

/** Largest start-circuit message (the circuit text included). */
export const MAX_CIRCUIT_MESSAGE_BYTES = 256 * 1024;
/** Stimulations a client may send: a burst of this many, refilled at STIMULATIONS_PER_S. */
export const STIMULATION_BURST = 20;
export const STIMULATIONS_PER_S = 10;
const MAX_NEURONS_LISTED = 65536;

/** What a run that takes stimulations offers (RunInfo.interaction). */
export interface InteractionInfo {
  readonly circuit: string;
  /** Populations with a grid: global index of receptor (x, y) = offset + y * width + x. */
  readonly grids: readonly { readonly name: string; readonly width: number; readonly height: number; readonly offset: number }[];
  /** Named stimuli of the circuit (an amplitude stimulation scales one). */
  readonly stimuli: readonly string[];
  readonly limits: { readonly maxStimulations: number; readonly maxAmplitudeV: number; readonly maxWidthS: number; readonly maxRadius: number; readonly maxFactor: number; readonly stepS: number };
}

/** One stimulation as applied (the log entry, fields as in src/circuit/stimulation.ts). */
export interface StimulationEntry {
  readonly tS: number;
  readonly kind: 'touch' | 'noxious' | 'amplitude';
  readonly population?: string;
  readonly cx?: number;
  readonly cy?: number;
  readonly radius?: number;
  readonly neurons?: readonly number[];
  readonly amplitudeV?: number;
  readonly widthS?: number;
  readonly stimulus?: string;
  readonly factor?: number;
}

export type InteractionMessage =
  | { type: 'start-circuit'; file: string; text: string; seed?: number; pace?: number | null; paused?: boolean }
  | { type: 'stimulate'; request: Record<string, unknown> };

export type InteractionReply =
  /** A stimulation was scheduled: its log entry, its place in the log and the receptors it covers. */
  { type: 'stimulation'; runId: number; index: number; receptors: number; entry: StimulationEntry };

type Check = { ok: true; msg: InteractionMessage } | { ok: false; message: string };

/** A received value in an error message: its kind, and short strings and numbers themselves. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** Shape of start-circuit (the run's thread validates the circuit itself). */
export function checkStartCircuit(o: Record<string, unknown>): Check {
  if (typeof o.file !== 'string' || o.file === '' || o.file.length > 200 || /[\\/\u0000-\u001f]/.test(o.file)) {
    return { ok: false, message: `field "file" must be the circuit's file name (1-200 characters, no folder), got ${describe(o.file)}` };
  }
  if (typeof o.text !== 'string' || o.text === '') return { ok: false, message: `field "text" must hold the circuit file's JSON text, got ${describe(o.text)}` };
  for (const k of Object.keys(o)) {
    if (!['type', 'file', 'text', 'seed', 'pace', 'paused'].includes(k)) return { ok: false, message: `unknown field "${k.slice(0, 40)}" in start-circuit; expected file, text, seed, pace, paused` };
  }
  return { ok: true, msg: { type: 'start-circuit', file: o.file, text: o.text } };
}

/** Shape of stimulate: known fields of the right types (ranges and names are checked against the circuit). */
export function checkStimulate(o: Record<string, unknown>): Check {
  const types: Record<string, string> = { kind: 'string', population: 'string', stimulus: 'string', cx: 'number', cy: 'number', radius: 'number', amplitudeV: 'number', widthS: 'number', factor: 'number' };
  const request: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'type') continue;
    if (k === 'neurons') {
      if (!Array.isArray(v) || v.length > MAX_NEURONS_LISTED || !v.every((x) => typeof x === 'number')) {
        return { ok: false, message: `field "neurons" must be an array of at most ${MAX_NEURONS_LISTED} receptor indices, got ${describe(v)}` };
      }
    } else if (!(k in types)) return { ok: false, message: `unknown field "${k.slice(0, 40)}" in stimulate; expected kind, population, cx, cy, radius, neurons, amplitudeV, widthS, stimulus, factor` };
    else if (typeof v !== types[k] || (typeof v === 'number' && !Number.isFinite(v))) return { ok: false, message: `field "${k}" must be a ${types[k] === 'number' ? 'finite number' : 'string'}, got ${describe(v)}` };
    request[k] = v;
  }
  if (request.kind === undefined) return { ok: false, message: 'field "kind" is required: "touch", "noxious" or "amplitude"' };
  return { ok: true, msg: { type: 'stimulate', request } };
}

/** A client's stimulation allowance: a token bucket (burst, rate per second). */
export class RateLimit {
  private tokens: number;
  private lastMs: number;
  constructor(
    private readonly burst = STIMULATION_BURST,
    private readonly perS = STIMULATIONS_PER_S,
    nowMs = performance.now(),
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  take(nowMs = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.perS);
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The log file the page exports (and `memspike run --stimulation` reads). */
export function stimulationLogJson(circuit: string, seed: number, entries: readonly StimulationEntry[]): string {
  return JSON.stringify({ format: 'memspike-stimulation-log', version: 1, circuit, seed, stimulations: entries }, null, 1) + '\n';
}
