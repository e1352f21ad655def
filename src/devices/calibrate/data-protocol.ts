/**
 * The pulse protocol of measured data (`--protocol protocol.json`) and the
 * fit curves built from data plus protocol. The protocol says, per curve:
 *
 *   {
 *     "curves": {
 *       "ltp-3V": { "amplitudeV": 3, "widthS": 0.1, "intervalS": 0.1, "count": 50,
 *                   "readV": 0.1, "readAt": "pulse-end", "restS": 1, "after": "earlier-curve" }
 *     }
 *   }
 *
 *   amplitudeV, widthS, intervalS, count  the train: pulse k (1-based) rises at
 *       restS + (k - 1) (widthS + intervalS); required when the CSV has no
 *       t_s, v_V, width_s columns, refused when it has them
 *   readV    bias (V) between pulses and during rests, and the read bias; default 0.1
 *   readAt   "pulse-end" (default): response read at the end of the pulse at its
 *            voltage; "read-bias": read at readV right after the pulse
 *   restS    time (s) at readV before the first pulse; default 0 (with a CSV train,
 *            the rest is the time before the first t_s)
 *   after    name of a curve earlier in the CSV measured before on the same device:
 *            this curve starts from that curve's final state (default: pristine)
 *
 * Without a protocol file every curve takes the defaults (and the CSV must
 * carry the train).
 */
import type { MeasuredData, Quantity } from './data-csv.ts';
import { DataError } from './data-csv.ts';

export type ReadAt = 'pulse-end' | 'read-bias';

export interface Pulse {
  readonly tStartS: number;
  readonly widthS: number;
  readonly vV: number;
}

/** One curve ready to simulate: the whole train, and which pulses were measured. */
export interface FitCurve {
  readonly name: string;
  readonly quantity: Quantity;
  readonly pulses: readonly Pulse[];
  /** 0-based index into pulses of each measured point, increasing. */
  readonly measuredAt: Int32Array;
  readonly measured: Float64Array;
  /** CSV line of each measured point. */
  readonly lines: Int32Array;
  readonly readV: number;
  readonly readAt: ReadAt;
  /** Index of the curve whose final state this one starts from, or -1 (pristine). */
  readonly after: number;
}

export const DEFAULT_READ_V = 0.1;
const FIELDS = ['amplitudeV', 'widthS', 'intervalS', 'count', 'readV', 'readAt', 'restS', 'after'] as const;
const TRAIN_FIELDS = ['amplitudeV', 'widthS', 'intervalS', 'count'] as const;
/** A curve of more pulses than this is refused (the fit simulates every pulse at every evaluation). */
export const MAX_PULSES_PER_CURVE = 100000;

interface CurveProtocol {
  amplitudeV?: number;
  widthS?: number;
  intervalS?: number;
  count?: number;
  readV?: number;
  readAt?: ReadAt;
  restS?: number;
  after?: string;
}

export type Protocol = Readonly<Record<string, CurveProtocol>>;

function fail(file: string, path: string, msg: string): never {
  throw new DataError(`${file}: ${path}: ${msg}`);
}

/** Parses protocol JSON text; errors name the file and the JSON path. */
export function parseProtocol(text: string, file: string): Protocol {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(file, '$', `not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, '$', 'expected an object { "curves": { "<curve>": { ... } } }');
  for (const k of Object.keys(raw)) if (k !== 'curves') fail(file, `$.${k}`, 'unknown field; expected "curves"');
  const curves = (raw as { curves?: unknown }).curves;
  if (typeof curves !== 'object' || curves === null || Array.isArray(curves)) fail(file, '$.curves', 'expected an object of curves by name');
  const out: Record<string, CurveProtocol> = {};
  for (const [name, c] of Object.entries(curves)) {
    const at = `$.curves[${JSON.stringify(name)}]`;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) fail(file, at, 'expected an object');
    const o = c as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!(FIELDS as readonly string[]).includes(k)) fail(file, `${at}.${k}`, `unknown field; known: ${FIELDS.join(', ')}`);
    const num = (k: string, ok: (v: number) => boolean, what: string): number | undefined => {
      if (!(k in o)) return undefined;
      const v = o[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) fail(file, `${at}.${k}`, `expected ${what}, got ${JSON.stringify(v)}`);
      return v;
    };
    const p: CurveProtocol = {
      amplitudeV: num('amplitudeV', () => true, 'a number (V)'),
      widthS: num('widthS', (v) => v > 0, 'a width > 0 (s)'),
      intervalS: num('intervalS', (v) => v >= 0, 'an interval >= 0 (s)'),
      count: num('count', (v) => Number.isInteger(v) && v >= 1 && v <= MAX_PULSES_PER_CURVE, `a whole number of pulses, 1 to ${MAX_PULSES_PER_CURVE}`),
      readV: num('readV', () => true, 'a number (V)'),
      restS: num('restS', (v) => v >= 0, 'a time >= 0 (s)'),
    };
    if ('readAt' in o) {
      if (o.readAt !== 'pulse-end' && o.readAt !== 'read-bias') fail(file, `${at}.readAt`, `expected "pulse-end" or "read-bias", got ${JSON.stringify(o.readAt)}`);
      p.readAt = o.readAt;
    }
    if ('after' in o) {
      if (typeof o.after !== 'string' || o.after === '') fail(file, `${at}.after`, 'expected the name of an earlier curve');
      p.after = o.after;
    }
    if (p.readAt === 'read-bias' && (p.readV ?? DEFAULT_READ_V) === 0) fail(file, `${at}.readV`, 'a read at 0 V gives no current; give the read bias');
    out[name] = p;
  }
  return out;
}

/**
 * Builds the fit curves from data and protocol: unknown curves of the
 * protocol, missing trains, trains given twice, measured pulses beyond the
 * train and `after` naming a later or unknown curve are errors.
 */
export function fitCurves(data: MeasuredData, protocol: Protocol = {}, protocolFile = 'protocol'): FitCurve[] {
  const names = data.curves.map((c) => c.name);
  for (const name of Object.keys(protocol)) {
    if (!names.includes(name)) fail(protocolFile, `$.curves[${JSON.stringify(name)}]`, `unknown curve: ${data.file} has no rows of it (its curves: ${names.join(', ')})`);
  }
  return data.curves.map((c, ci) => {
    const p = protocol[c.name] ?? {};
    const at = `$.curves[${JSON.stringify(c.name)}]`;
    const readV = p.readV ?? DEFAULT_READ_V;
    const given = TRAIN_FIELDS.filter((k) => p[k] !== undefined);
    let pulses: Pulse[];
    const measuredAt = new Int32Array(c.rows.length);
    if (data.hasTrain) {
      if (given.length > 0) fail(protocolFile, `${at}.${given[0]}`, `${data.file} carries the pulse train (t_s, v_V, width_s); give it in one place only`);
      if (p.restS !== undefined) fail(protocolFile, `${at}.restS`, `${data.file} carries the pulse times; the rest is the time before the first t_s`);
      pulses = c.rows.map((r) => ({ tStartS: r.tS!, widthS: r.widthS!, vV: r.vV! }));
      measuredAt.forEach((_v, i) => (measuredAt[i] = i));
    } else {
      if (given.length < TRAIN_FIELDS.length) {
        const missing = TRAIN_FIELDS.find((k) => p[k] === undefined)!;
        if (!(c.name in protocol)) throw new DataError(`${data.file}: line ${c.rows[0].line}, column "curve": curve "${c.name}" has no pulse train: the CSV has no t_s, v_V, width_s columns and ${protocolFile === 'protocol' ? 'no --protocol file was given' : `${protocolFile} has no entry for it`}`);
        fail(protocolFile, `${at}.${missing}`, 'missing: the CSV has no t_s, v_V, width_s columns, so the protocol gives the train (amplitudeV, widthS, intervalS, count)');
      }
      const period = p.widthS! + p.intervalS!;
      const rest = p.restS ?? 0;
      pulses = Array.from({ length: p.count! }, (_v, k) => ({ tStartS: rest + k * period, widthS: p.widthS!, vV: p.amplitudeV! }));
      c.rows.forEach((r, i) => {
        if (r.pulse > p.count!) throw new DataError(`${data.file}: line ${r.line}, column "pulse": pulse ${r.pulse} of curve "${c.name}" is beyond the protocol's ${p.count} pulses`);
        measuredAt[i] = r.pulse - 1;
      });
    }
    let after = -1;
    if (p.after !== undefined) {
      after = names.indexOf(p.after);
      if (after < 0 || after >= ci) fail(protocolFile, `${at}.after`, `"${p.after}" is not a curve before "${c.name}" in ${data.file} (curves in order: ${names.join(', ')})`);
    }
    const readAt = p.readAt ?? 'pulse-end';
    if (readAt === 'pulse-end' && data.quantity === 'g_S') {
      const zero = pulses.findIndex((q) => q.vV === 0);
      if (zero >= 0) throw new DataError(`${data.file}: curve "${c.name}": pulse ${zero + 1} is at 0 V, where no conductance can be read; read at the read bias ("readAt": "read-bias")`);
    }
    return {
      name: c.name,
      quantity: data.quantity,
      pulses,
      measuredAt,
      measured: Float64Array.from(c.rows, (r) => r.value),
      lines: Int32Array.from(c.rows, (r) => r.line),
      readV,
      readAt,
      after,
    };
  });
}
