/**
 * Measured pulse responses as CSV, for fitting a device preset
 * (`memspike calibrate --data FILE`). One row per measured pulse:
 *
 *   # lines starting with '#' are comments; the first other line is the header
 *   curve,pulse,t_s,v_V,width_s,i_A
 *   ltp-3V,1,0.0,3,0.1,2.31e-8
 *   ltp-3V,2,0.2,3,0.1,2.42e-8
 *
 * Columns (any order; others are an error, so a typo is not ignored):
 *   curve    name of the curve (one pulse train on one device), required
 *   pulse    pulse number within the curve, 1, 2, ..., strictly increasing, required
 *   t_s      pulse start (s) from the curve's start         } all three or none;
 *   v_V      pulse amplitude (V)                             } without them the
 *   width_s  pulse width (s)                                 } protocol gives the train
 *   i_A      the measured current (A), or
 *   g_S      the measured conductance (S) = current / the voltage it was read at
 * exactly one of i_A and g_S. The response is read at the end of each pulse at
 * the pulse voltage, unless the protocol says at the read bias (./data-protocol.ts).
 * Responses are fitted by their relative error, so none may be 0.
 */

export type Quantity = 'i_A' | 'g_S';

export interface MeasuredRow {
  readonly pulse: number;
  readonly value: number;
  /** 1-based line number in the file (for error messages and the fit table). */
  readonly line: number;
  /** Pulse timing when the CSV carries the train. */
  readonly tS?: number;
  readonly vV?: number;
  readonly widthS?: number;
}

export interface MeasuredCurve {
  readonly name: string;
  readonly rows: readonly MeasuredRow[];
}

export interface MeasuredData {
  readonly file: string;
  readonly quantity: Quantity;
  /** Whether the rows carry t_s, v_V, width_s. */
  readonly hasTrain: boolean;
  /** Curves in order of first appearance. */
  readonly curves: readonly MeasuredCurve[];
}

export class DataError extends Error {}

const KNOWN = ['curve', 'pulse', 't_s', 'v_V', 'width_s', 'i_A', 'g_S'] as const;
const TRAIN = ['t_s', 'v_V', 'width_s'] as const;
/** Files above this size are refused before parsing (a pulse table is kilobytes). */
export const MAX_DATA_BYTES = 64 * 1024 * 1024;

function fail(file: string, line: number, col: string | null, msg: string): never {
  throw new DataError(`${file}: line ${line}${col ? `, column "${col}"` : ''}: ${msg}`);
}

function cut(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 60) + '...' : s);
}

/** A strict decimal number: "1e-8", "-3", "0.5"; not "", "0x10", "1,5", "NaN", "Infinity". */
function parseNumber(raw: string): number {
  const s = raw.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

/** Parses and validates measured-data CSV text; every error names the file, line and column. */
export function parseMeasuredCsv(text: string, file: string): MeasuredData {
  const lines = text.split(/\r?\n/);
  let headerAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l !== '' && !l.startsWith('#')) {
      headerAt = i;
      break;
    }
  }
  if (headerAt < 0) fail(file, 1, null, `no header line; expected columns ${KNOWN.join(',')} (t_s, v_V, width_s optional; one of i_A, g_S)`);
  const header = lines[headerAt].split(',').map((h) => h.trim());
  const hl = headerAt + 1;
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    if (!(KNOWN as readonly string[]).includes(h)) fail(file, hl, h, `unknown column; known: ${KNOWN.join(', ')}`);
    if (col.has(h)) fail(file, hl, h, 'column given twice');
    col.set(h, i);
  });
  for (const need of ['curve', 'pulse'] as const) if (!col.has(need)) fail(file, hl, need, `missing column (header has ${header.join(',')})`);
  const hasI = col.has('i_A');
  const hasG = col.has('g_S');
  if (hasI === hasG) fail(file, hl, hasI ? 'g_S' : 'i_A', hasI ? 'give one of i_A and g_S, not both' : 'missing column: the measured response, i_A (current, A) or g_S (conductance, S)');
  const quantity: Quantity = hasI ? 'i_A' : 'g_S';
  const trainCols = TRAIN.filter((c) => col.has(c));
  const hasTrain = trainCols.length === TRAIN.length;
  if (trainCols.length > 0 && !hasTrain) {
    fail(file, hl, TRAIN.find((c) => !col.has(c))!, `missing column: t_s, v_V and width_s come together (or none, and the protocol gives the train)`);
  }

  const curves = new Map<string, MeasuredRow[]>();
  const lastLine = new Map<string, number>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i];
    const ln = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const cells = raw.split(',');
    if (cells.length !== header.length) fail(file, ln, null, `expected ${header.length} cells (${header.join(',')}), got ${cells.length}`);
    const name = cells[col.get('curve')!].trim();
    if (name === '') fail(file, ln, 'curve', 'empty curve name');
    const num = (c: string): number => {
      const cell = cells[col.get(c)!];
      const v = parseNumber(cell);
      if (!Number.isFinite(v)) fail(file, ln, c, `expected a number, got ${cut(cell.trim())}`);
      return v;
    };
    const pulse = num('pulse');
    if (!Number.isInteger(pulse) || pulse < 1) fail(file, ln, 'pulse', `expected a whole pulse number >= 1, got ${cut(cells[col.get('pulse')!].trim())}`);
    const value = num(quantity);
    if (value === 0) fail(file, ln, quantity, 'a measured response of 0 cannot be fitted by its relative error');
    if (quantity === 'g_S' && value < 0) fail(file, ln, quantity, `expected a conductance > 0, got ${value}`);
    const row: MeasuredRow = hasTrain ? { pulse, value, line: ln, tS: num('t_s'), vV: num('v_V'), widthS: num('width_s') } : { pulse, value, line: ln };
    if (hasTrain) {
      if (row.tS! < 0) fail(file, ln, 't_s', `expected a time >= 0 (from the curve's start), got ${row.tS}`);
      if (!(row.widthS! > 0)) fail(file, ln, 'width_s', `expected a width > 0, got ${row.widthS}`);
    }
    let list = curves.get(name);
    if (!list) curves.set(name, (list = []));
    else if (lastLine.get(name)! < ln) {
      const prev = list[list.length - 1];
      if (pulse <= prev.pulse) fail(file, ln, 'pulse', `pulse numbers of curve "${name}" must increase: ${pulse} after ${prev.pulse} (line ${prev.line})`);
      if (hasTrain) {
        if (row.tS! <= prev.tS!) fail(file, ln, 't_s', `times of curve "${name}" must increase: ${row.tS} s after ${prev.tS} s (line ${prev.line})`);
        if (row.tS! < prev.tS! + prev.widthS!) fail(file, ln, 't_s', `pulse starts at ${row.tS} s, before the previous pulse of curve "${name}" ends (${prev.tS! + prev.widthS!} s, line ${prev.line})`);
      }
    }
    list.push(row);
    lastLine.set(name, ln);
  }
  if (curves.size === 0) fail(file, hl, null, 'no data rows after the header');
  return { file, quantity, hasTrain, curves: [...curves].map(([name, rows]) => ({ name, rows })) };
}
