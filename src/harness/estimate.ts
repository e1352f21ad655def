/**
 * Work estimates: before a run starts, its scenario says from its parameters
 * how many kernel events (or comparable steps) it will take, how much memory
 * it will hold at its peak and how many bytes it will write. `memspike run`,
 * `reproduce` and the live server refuse a run whose estimate exceeds the
 * budget below (the CLI runs it anyway with --force), naming both.
 * Estimates are upper-side approximations (within a small factor), not
 * promises.
 */
import type { Params, Scenario, WorkEstimate } from './types.ts';

export type { WorkEstimate };

export interface WorkBudget {
  readonly events: number;
  readonly memoryBytes: number;
  readonly outputBytes: number;
}

const MB = 1024 * 1024;

/** Budget of `memspike run` and `reproduce`: about ten minutes of work, 2 GB held, 1 GB written. */
export const CLI_BUDGET: WorkBudget = { events: 2e9, memoryBytes: 2048 * MB, outputBytes: 1024 * MB };

/** Budget of one live run (memory: what its worker thread may hold). */
export function liveBudget(memoryBytes: number): WorkBudget {
  return { events: 1e10, memoryBytes, outputBytes: Infinity };
}

/** Bytes of a CSV of `rows` rows of `cols` numbers (about 14 characters each, with separator). */
export function csvBytes(rows: number, cols: number): number {
  return rows * cols * 14;
}

/** Bytes of `rows` rows of `cols` float64 columns, with the doubling growth of the recorders. */
export function tableBytes(rows: number, cols: number): number {
  return rows * cols * 8 * 2;
}

function human(n: number, unit: string): string {
  if (!Number.isFinite(n)) return 'unbounded';
  if (unit === 'B') return n >= 1e9 ? `${(n / 1e9).toPrecision(3)} GB` : `${(n / 1e6).toPrecision(3)} MB`;
  return n >= 1e6 ? `${(n / 1e6).toPrecision(3)} M` : `${Math.round(n)}`;
}

export function describeEstimate(e: WorkEstimate): string {
  return `${human(e.events, '')} events, ${human(e.memoryBytes, 'B')} memory, ${human(e.outputBytes, 'B')} output`;
}

/** What of the estimate exceeds the budget, as one sentence; null when it fits. */
export function overBudget(e: WorkEstimate, b: WorkBudget): string | null {
  const over: string[] = [];
  if (e.events > b.events) over.push(`${human(e.events, '')} events (budget ${human(b.events, '')})`);
  if (e.memoryBytes > b.memoryBytes) over.push(`${human(e.memoryBytes, 'B')} memory (budget ${human(b.memoryBytes, 'B')})`);
  if (e.outputBytes > b.outputBytes) over.push(`${human(e.outputBytes, 'B')} output (budget ${human(b.outputBytes, 'B')})`);
  return over.length ? over.join(', ') : null;
}

/** The scenario's estimate for these parameters, or null when it offers none. */
export function estimateOf(s: Scenario, params: Params, quick = false): WorkEstimate | null {
  if (!s.estimate) return null;
  const e = s.estimate(params, quick);
  return {
    events: Math.max(0, Math.ceil(e.events)),
    memoryBytes: Math.max(0, Math.ceil(e.memoryBytes)),
    outputBytes: Math.max(0, Math.ceil(e.outputBytes)),
  };
}

/** Throws, naming estimate and budget, when the run would exceed it. */
export function checkBudget(s: Scenario, params: Params, budget: WorkBudget, quick: boolean, hint: string): WorkEstimate | null {
  const e = estimateOf(s, params, quick);
  if (!e) return null;
  const over = overBudget(e, budget);
  if (over) throw new BudgetError(`scenario "${s.name}" would need ${over}; estimate: ${describeEstimate(e)}.${hint ? ' ' + hint : ''}`);
  return e;
}

export class BudgetError extends Error {}

/** Base of every run: the process, compiled devices, figures. */
const BASE_MEMORY = 64 * MB;
const BASE_OUTPUT = 200_000;

/**
 * Peak memory per byte of recorded table: the tables, the analysis copies of
 * their columns and the figures' point lists and text. Measured: fig3b with
 * 2 x 10^6 rows of 6 columns peaked at 3.0 GB, 15 x its 190 MB of tables.
 */
const MEMORY_PER_TABLE_BYTE = 15;

/**
 * Estimate of a run dominated by recorded rows: `rows` rows of `cols`
 * numbers kept in memory and written as CSV (and drawn: figures cost about
 * as much as the CSV), `events` kernel events or integration steps.
 */
export function recordedRows(events: number, rows: number, cols: number): WorkEstimate {
  return { events, memoryBytes: BASE_MEMORY + MEMORY_PER_TABLE_BYTE * tableBytes(rows, cols), outputBytes: BASE_OUTPUT + 2 * csvBytes(rows, cols) };
}

/** Estimate of a network run: `cells` neurons with `perCellBytes` of state each, `events` events, `rows` recorded rows. */
export function networkRun(cells: number, perCellBytes: number, events: number, rows: number, cols: number): WorkEstimate {
  const r = recordedRows(events, rows, cols);
  return { ...r, memoryBytes: r.memoryBytes + cells * perCellBytes };
}

/** What a run with streamed outputs holds besides its state and `heldBytes`: CSV buffers, bounded figure data and figure text. */
const STREAMED_MEMORY = 48 * MB;
/** Figures of a streamed run are drawn from bounded data: about as large as the CSV, up to this much SVG. */
const STREAMED_FIGURE_OUTPUT = 16 * MB;

/**
 * Estimate of a run whose `rows` rows of `cols` numbers are written as CSV
 * while it goes (src/record/csv-stream.ts): memory does not grow with them,
 * only with `heldBytes`, what the run keeps for its metrics.
 */
export function streamedRows(events: number, rows: number, cols: number, heldBytes = 0): WorkEstimate {
  const csv = csvBytes(rows, cols);
  return { events, memoryBytes: BASE_MEMORY + STREAMED_MEMORY + heldBytes, outputBytes: BASE_OUTPUT + csv + Math.min(csv, STREAMED_FIGURE_OUTPUT) };
}
