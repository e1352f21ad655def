/**
 * The live viewer's message protocol, version 1: the one place that defines
 * what travels over the WebSocket. The server and the page both import it.
 *
 * Client -> server: JSON text frames, at most MAX_CLIENT_MESSAGE_BYTES each,
 * one object with a string `type` (see ClientMessage). Every message is
 * validated; a bad one gets an `error` reply naming the problem and the
 * connection stays open.
 *
 * Server -> client: JSON text frames (ServerMessage) for run control and
 * status, and binary frames for data batches (spikes, probe samples, neuron
 * state changes). Batch layout, little-endian, byte offsets:
 *    0  u8  frame kind (1 = batch)         1  u8  protocol version (1)
 *    2  u16 reserved (0)                   4  u32 batch sequence number
 *    8  f64 simulated time at batch end (s)
 *   16  f64 events dispatched since the run started
 *   24  f64 events per wall second (recent)
 *   32  u32 nSpikes   36 u32 nSamples   40 u32 nStates
 *   44  u32 decimation (every n-th probe sample is kept)
 *   48  u32 probe samples skipped by decimation in this batch
 *   52  u32 reserved (0)
 *   56  f64 spikeT[nSpikes], f64 sampleT[nSamples], f64 sampleValue[nSamples], f64 stateT[nStates]
 *   ..  u32 spikeNeuron[nSpikes], u32 sampleProbe[nSamples],
 *       u32 stateNeuron[nStates], u32 stateFrom[nStates], u32 stateTo[nStates]
 * All f64 sections come first so every typed array view stays aligned.
 * Spikes and state changes are never dropped: a slow client slows the run;
 * only probe samples are thinned, and the batch says by how much.
 */
import type { ParamSpec, ParamValue, ProbeInfo, ScenarioGroup } from '../harness/types.ts';
import { MAX_CIRCUIT_MESSAGE_BYTES, checkStartCircuit, checkStimulate, describe, type InteractionInfo, type InteractionMessage, type InteractionReply } from './interaction.ts';

export type { InteractionInfo, StimulationEntry } from './interaction.ts';

export const PROTOCOL_VERSION = 1;
/** Largest client message the protocol accepts (bytes of UTF-8 text). */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
/** Upper bound of data batches sent per second and connection. */
export const MAX_BATCHES_PER_S = 30;
export const BATCH_FRAME_KIND = 1;
export const BATCH_HEADER_BYTES = 56;
/** WebSocket path on the viewer's port. */
export const WS_PATH = '/ws';

export interface ScenarioInfo {
  readonly name: string;
  readonly title: string;
  readonly figure: string;
  readonly experiment: string;
  readonly group: ScenarioGroup;
  readonly params: readonly ParamSpec[];
}

export type RunState = 'ready' | 'running' | 'paused' | 'done';

export interface RunInfo {
  readonly runId: number;
  readonly scenario: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly seed: number;
  readonly durationS: number;
  readonly neurons: number;
  readonly probes: readonly ProbeInfo[];
  readonly stateNames: readonly string[];
  readonly grid: { readonly width: number; readonly height: number } | null;
  /** Simulated seconds per wall second; null = as fast as possible. */
  readonly pace: number | null;
  /** Circuit runs: what may be stimulated (null: the run takes no stimulations). */
  readonly interaction?: InteractionInfo | null;
}

// ---- client -> server ------------------------------------------------------

export type ClientMessage =
  | {
      type: 'start';
      scenario: string;
      params?: Record<string, ParamValue>;
      seed?: number;
      pace?: number | null;
      /** Build the run but wait for `resume` (default false). */
      paused?: boolean;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Advance a paused run by dtS simulated seconds (default 0.01 s). */
  | { type: 'step'; dtS?: number }
  /** Rebuild the run at t = 0 with the same scenario, parameters and seed; paused. */
  | { type: 'reset' }
  | { type: 'pace'; pace: number | null }
  /** End the run and free it. */
  | { type: 'stop' }
  | { type: 'ping'; id?: number }
  /** Run a circuit file's JSON, or stimulate the run (interaction.ts). */
  | InteractionMessage;

export type ClientType = ClientMessage['type'];
export const CLIENT_TYPES: readonly ClientType[] = ['start', 'pause', 'resume', 'step', 'reset', 'pace', 'stop', 'ping', 'start-circuit', 'stimulate'];

// ---- server -> client ------------------------------------------------------

export type ErrorCode =
  | 'malformed-json'
  | 'too-large'
  | 'binary-not-accepted'
  | 'not-an-object'
  | 'unknown-type'
  | 'bad-field'
  | 'unknown-scenario'
  | 'bad-params'
  | 'capacity'
  | 'no-run'
  /** The run's estimated work exceeds the server's budget (nothing was started). */
  | 'budget'
  /** The run was stopped: it exceeded its memory limit or its thread failed. */
  | 'run-limit'
  /** A circuit file that does not validate (file, JSON path, what was expected). */
  | 'bad-circuit'
  /** A stimulation that does not fit the run (field, range, population). */
  | 'bad-stimulation'
  /** More stimulations than the client's allowance (interaction.ts). */
  | 'rate-limited'
  /** The run's stimulation log is full. */
  | 'stimulation-limit'
  /** The run takes no stimulations (not a circuit). */
  | 'not-interactive'
  | 'internal';

export interface StatusMessage {
  type: 'status';
  state: RunState;
  simTimeS: number;
  durationS: number;
  events: number;
  eventsPerS: number;
  pace: number | null;
  decimation: number;
}

export type ServerMessage =
  | {
      type: 'welcome';
      protocol: number;
      scenarios: readonly ScenarioInfo[];
      /** Scenario the page should preselect, if the server was started with one. */
      defaultScenario: string | null;
      limits: { maxMessageBytes: number; maxRuns: number; maxBatchesPerS: number };
    }
  /** A run was built (also after `reset`): the page clears its data. */
  | { type: 'started'; run: RunInfo }
  | StatusMessage
  | { type: 'stopped'; runId: number }
  | { type: 'error'; code: ErrorCode; message: string }
  | { type: 'pong'; id: number | null }
  | InteractionReply;

// ---- validation ------------------------------------------------------------

export type Parsed = { ok: true; msg: ClientMessage } | { ok: false; code: ErrorCode; message: string };

function fail(code: ErrorCode, message: string): Parsed {
  return { ok: false, code, message };
}

const PACE_MIN = 1e-4;
const PACE_MAX = 1e6;
const STEP_MAX_S = 3600;

function paceError(v: unknown, field: string): string | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < PACE_MIN || v > PACE_MAX) {
    return `field "${field}" must be null (as fast as possible) or a number of simulated seconds per wall second in [${PACE_MIN}, ${PACE_MAX}], got ${describe(v)}`;
  }
  return null;
}

/** Validates one incoming frame. Never throws. */
export function parseClientMessage(data: string | Uint8Array, isBinary: boolean): Parsed {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength;
  // Only a circuit may be larger than MAX_CLIENT_MESSAGE_BYTES (checked again once the type is known).
  if (bytes > MAX_CIRCUIT_MESSAGE_BYTES) {
    return fail('too-large', `message of ${bytes} bytes exceeds the limit of ${MAX_CIRCUIT_MESSAGE_BYTES} bytes (a circuit) or ${MAX_CLIENT_MESSAGE_BYTES} bytes (any other message)`);
  }
  if (isBinary) return fail('binary-not-accepted', 'binary frames are not accepted from clients; send JSON text');
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    // The parser's message can quote the input: cut it.
    return fail('malformed-json', `message is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return fail('not-an-object', `message must be a JSON object with a "type" field, got ${describe(v)}`);
  }
  const o = v as Record<string, unknown>;
  if (typeof o.type !== 'string') return fail('bad-field', `field "type" must be a string, got ${describe(o.type)}`);
  if (!(CLIENT_TYPES as readonly string[]).includes(o.type)) {
    return fail('unknown-type', `unknown message type ${describe(o.type)}; known: ${CLIENT_TYPES.join(', ')}`);
  }
  if (o.type !== 'start-circuit' && bytes > MAX_CLIENT_MESSAGE_BYTES) {
    return fail('too-large', `message of ${bytes} bytes exceeds the limit of ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
  }
  switch (o.type) {
    case 'start-circuit': {
      const c = checkStartCircuit(o);
      if (!c.ok) return fail('bad-field', c.message);
      const r = parseClientMessage(JSON.stringify({ type: 'start', scenario: 'circuit', seed: o.seed, pace: o.pace, paused: o.paused }), false);
      if (!r.ok) return r;
      const st = r.msg as Extract<ClientMessage, { type: 'start' }>;
      return { ok: true, msg: { ...(c.msg as Extract<InteractionMessage, { type: 'start-circuit' }>), seed: st.seed, pace: st.pace, paused: st.paused } };
    }
    case 'stimulate': {
      const c = checkStimulate(o);
      return c.ok ? { ok: true, msg: c.msg } : fail('bad-field', c.message);
    }
    case 'start': {
      if (typeof o.scenario !== 'string' || o.scenario === '') {
        return fail('bad-field', `field "scenario" must be a non-empty string, got ${describe(o.scenario)}`);
      }
      if (o.params !== undefined) {
        if (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params)) {
          return fail('bad-field', `field "params" must be an object of parameter values, got ${describe(o.params)}`);
        }
        for (const [k, pv] of Object.entries(o.params)) {
          if (typeof pv !== 'number' && typeof pv !== 'boolean' && typeof pv !== 'string') {
            return fail('bad-field', `field "params.${k.slice(0, 200)}" must be a number, boolean or string, got ${describe(pv)}`);
          }
        }
      }
      if (o.seed !== undefined && (typeof o.seed !== 'number' || !Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)) {
        return fail('bad-field', `field "seed" must be a whole number in [0, 4294967295], got ${describe(o.seed)}`);
      }
      if (o.pace !== undefined) {
        const e = paceError(o.pace, 'pace');
        if (e) return fail('bad-field', e);
      }
      if (o.paused !== undefined && typeof o.paused !== 'boolean') {
        return fail('bad-field', `field "paused" must be true or false, got ${describe(o.paused)}`);
      }
      return {
        ok: true,
        msg: {
          type: 'start',
          scenario: o.scenario,
          params: o.params as Record<string, ParamValue> | undefined,
          seed: o.seed as number | undefined,
          pace: o.pace as number | null | undefined,
          paused: o.paused as boolean | undefined,
        },
      };
    }
    case 'step': {
      if (o.dtS !== undefined && (typeof o.dtS !== 'number' || !Number.isFinite(o.dtS) || o.dtS <= 0 || o.dtS > STEP_MAX_S)) {
        return fail('bad-field', `field "dtS" must be a number of simulated seconds in (0, ${STEP_MAX_S}], got ${describe(o.dtS)}`);
      }
      return { ok: true, msg: { type: 'step', dtS: o.dtS as number | undefined } };
    }
    case 'pace': {
      if (!('pace' in o)) return fail('bad-field', 'field "pace" is required (null or simulated seconds per wall second)');
      const e = paceError(o.pace, 'pace');
      if (e) return fail('bad-field', e);
      return { ok: true, msg: { type: 'pace', pace: o.pace as number | null } };
    }
    case 'ping': {
      if (o.id !== undefined && (typeof o.id !== 'number' || !Number.isFinite(o.id))) {
        return fail('bad-field', `field "id" must be a number, got ${describe(o.id)}`);
      }
      return { ok: true, msg: { type: 'ping', id: o.id as number | undefined } };
    }
    default:
      return { ok: true, msg: { type: o.type as 'pause' | 'resume' | 'reset' | 'stop' } };
  }
}

// ---- binary batches --------------------------------------------------------

export interface Batch {
  seq: number;
  simTimeS: number;
  events: number;
  eventsPerS: number;
  decimation: number;
  skippedSamples: number;
  spikeT: Float64Array;
  spikeNeuron: Uint32Array;
  sampleT: Float64Array;
  sampleProbe: Uint32Array;
  sampleValue: Float64Array;
  stateT: Float64Array;
  stateNeuron: Uint32Array;
  stateFrom: Uint32Array;
  stateTo: Uint32Array;
}

export function batchBytes(nSpikes: number, nSamples: number, nStates: number): number {
  return BATCH_HEADER_BYTES + 8 * (nSpikes + 2 * nSamples + nStates) + 4 * (nSpikes + nSamples + 3 * nStates);
}

/** Writes a batch into `buf` (at least batchBytes long, offset 0 aligned to 8). */
export function encodeBatch(b: Batch, buf: ArrayBuffer): number {
  const nS = b.spikeT.length;
  const nP = b.sampleT.length;
  const nC = b.stateT.length;
  const dv = new DataView(buf);
  dv.setUint8(0, BATCH_FRAME_KIND);
  dv.setUint8(1, PROTOCOL_VERSION);
  dv.setUint16(2, 0, true);
  dv.setUint32(4, b.seq >>> 0, true);
  dv.setFloat64(8, b.simTimeS, true);
  dv.setFloat64(16, b.events, true);
  dv.setFloat64(24, b.eventsPerS, true);
  dv.setUint32(32, nS, true);
  dv.setUint32(36, nP, true);
  dv.setUint32(40, nC, true);
  dv.setUint32(44, b.decimation, true);
  dv.setUint32(48, b.skippedSamples, true);
  dv.setUint32(52, 0, true);
  let off = BATCH_HEADER_BYTES;
  const f64 = (src: Float64Array): void => {
    new Float64Array(buf, off, src.length).set(src);
    off += 8 * src.length;
  };
  const u32 = (src: Uint32Array): void => {
    new Uint32Array(buf, off, src.length).set(src);
    off += 4 * src.length;
  };
  f64(b.spikeT);
  f64(b.sampleT);
  f64(b.sampleValue);
  f64(b.stateT);
  u32(b.spikeNeuron);
  u32(b.sampleProbe);
  u32(b.stateNeuron);
  u32(b.stateFrom);
  u32(b.stateTo);
  return off;
}

/** Reads a batch frame; the arrays are views into a copy aligned for typed access. Throws on a bad frame. */
export function decodeBatch(frame: ArrayBuffer | Uint8Array): Batch {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.byteLength < BATCH_HEADER_BYTES) throw new Error(`batch frame of ${bytes.byteLength} bytes is shorter than its header`);
  // Copy when the frame does not start on an 8-byte boundary (Node Buffers often do not).
  let aligned = bytes;
  if (bytes.byteOffset % 8 !== 0) {
    aligned = new Uint8Array(bytes.byteLength);
    aligned.set(bytes);
  }
  const buf = aligned.buffer;
  const base = aligned.byteOffset;
  const dv = new DataView(buf, base, aligned.byteLength);
  if (dv.getUint8(0) !== BATCH_FRAME_KIND) throw new Error(`unknown binary frame kind ${dv.getUint8(0)}`);
  if (dv.getUint8(1) !== PROTOCOL_VERSION) throw new Error(`batch protocol version ${dv.getUint8(1)}, expected ${PROTOCOL_VERSION}`);
  const nS = dv.getUint32(32, true);
  const nP = dv.getUint32(36, true);
  const nC = dv.getUint32(40, true);
  if (batchBytes(nS, nP, nC) !== aligned.byteLength) {
    throw new Error(`batch frame is ${aligned.byteLength} bytes, its header announces ${batchBytes(nS, nP, nC)}`);
  }
  let off = base + BATCH_HEADER_BYTES;
  const f64 = (n: number): Float64Array => {
    const a = new Float64Array(buf, off, n);
    off += 8 * n;
    return a;
  };
  const u32 = (n: number): Uint32Array => {
    const a = new Uint32Array(buf, off, n);
    off += 4 * n;
    return a;
  };
  const spikeT = f64(nS);
  const sampleT = f64(nP);
  const sampleValue = f64(nP);
  const stateT = f64(nC);
  return {
    seq: dv.getUint32(4, true),
    simTimeS: dv.getFloat64(8, true),
    events: dv.getFloat64(16, true),
    eventsPerS: dv.getFloat64(24, true),
    decimation: dv.getUint32(44, true),
    skippedSamples: dv.getUint32(48, true),
    spikeT,
    sampleT,
    sampleValue,
    stateT,
    spikeNeuron: u32(nS),
    sampleProbe: u32(nP),
    stateNeuron: u32(nC),
    stateFrom: u32(nC),
    stateTo: u32(nC),
  };
}
