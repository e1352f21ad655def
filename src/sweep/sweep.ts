/**
 * A sweep from file to tables: validate the file and the queue before any
 * point runs; skip the points the journal already holds; run the rest on the
 * local pool or the queue, journaling each result as it arrives; write the
 * tables and figures once every point has a result.
 *
 * The metric names are checked on the rows of a finished point before
 * anything is written: a point already done, else the first point that
 * succeeds. Locally every worker starts at once and results are held back
 * (nothing journaled, no folder left behind) until that check passes; a bad
 * name stops the sweep after at most one point per worker. Running the first
 * point alone would leave all but one core idle for a point's time (with 2
 * workers of 0.5 s points, 1.67x instead of about 1.8x). Through a queue the
 * first point runs here before anything is enqueued, so a bad name leaves no
 * jobs on the queue.
 */
import { existsSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWritableDir, writeAtomic } from '../record/write.ts';
import type { Progress } from '../report/progress.ts';
import { writeSweepFigures } from './figures.ts';
import { JOURNAL_FILE, Journal } from './journal.ts';
import { expandPoints, jobOf, memspikeVersion } from './points.ts';
import { createPool, type PointPool, type PoolRuntime } from './pool.ts';
import { QueueEngine } from './queue-engine.ts';
import { pingRedis } from './redis.ts';
import { runPoint } from './run-point.ts';
import { SweepFileError, parseSweep } from './spec.ts';
import { writeStats } from './stats.ts';
import { rowsOf, writeTables } from './tables.ts';
import type { PointJob, PointResult, SweepSpec } from './types.ts';

export const SWEEP_COPY = 'sweep.json';

export interface SweepOptions {
  /** The sweep file; when absent (`--collect`), the copy kept in outDir. */
  readonly file?: string;
  readonly outDir: string;
  readonly workers: number;
  readonly queue?: string;
  readonly detach?: boolean;
  readonly collect?: boolean;
  readonly progress: Progress;
  readonly log: (line: string) => void;
  /** The local pool's workers (default processes; bench/sweep.ts compares threads). */
  readonly poolRuntime?: PoolRuntime;
  /** Set by the caller (e.g. on Ctrl-C): no new points are started. */
  readonly stopped?: () => boolean;
}

export interface SweepOutcome {
  readonly total: number;
  readonly skipped: number;
  readonly ran: number;
  readonly failed: number;
  /** False when stopped, detached, or results are still outstanding. */
  readonly complete: boolean;
  readonly files: readonly string[];
}

const RESERVED = ['key', 'seed', 'status', 'error'];

function loadSpec(opts: SweepOptions): { spec: SweepSpec; text: string } {
  const file = opts.file ?? join(opts.outDir, SWEEP_COPY);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const hint = opts.file ? '' : ' (give the sweep file, or the --out folder of an earlier sweep)';
    throw new SweepFileError(`sweep file "${file}": cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})${hint}`);
  }
  const spec = parseSweep(file, text);
  const taken = new Set([...RESERVED, ...spec.axes.map((a) => a.key)]);
  spec.metrics.forEach((m, i) => {
    if (taken.has(m.column)) throw new SweepFileError(`sweep file "${file}": $.metrics[${i}]: column "${m.column}" clashes with a table column; rename it with "as"`);
  });
  return { spec, text };
}

/** Metric names must be rows the scenario writes: checked on a finished point's rows. */
function checkMetrics(spec: SweepSpec, r: PointResult): void {
  const known = Object.keys(r.metrics);
  spec.metrics.forEach((m, i) => {
    if (!(m.name in r.metrics)) {
      const target = spec.target.kind === 'scenario' ? `scenario "${spec.target.name}"` : 'the circuit';
      throw new SweepFileError(`sweep file "${spec.file}": $.metrics[${i}]: ${target} writes no summary row "${m.name}"; its rows: ${known.map((k) => `"${k}"`).join(', ')}`);
    }
  });
}

function eta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

export async function runSweep(opts: SweepOptions): Promise<SweepOutcome> {
  let metricError: Error | null = null;
  const stopped = (): boolean => metricError !== null || (opts.stopped?.() ?? false);
  const { spec, text } = loadSpec(opts);
  const version = memspikeVersion();
  const points = expandPoints(spec, version);
  if (opts.queue) {
    if (spec.outputs.keep) throw new SweepFileError(`sweep file "${spec.file}": $.outputs.keep: point folders stay on the workers' machines; keep needs the local engine (no --queue)`);
    await pingRedis(opts.queue);
  }
  const journalPath = join(opts.outDir, JOURNAL_FILE);
  const journal = new Journal(journalPath);
  const keepDir = spec.outputs.keep ? join(opts.outDir, 'points') : undefined;
  const todo = points.filter((p) => !journal.isDone(p.key));
  const skipped = points.length - todo.length;
  const retried = todo.filter((p) => journal.records.has(p.key)).length;
  const jobs: PointJob[] = todo.map((p) => jobOf(spec, p, version, keepDir));

  // Metric names: from a point already done, else (through a queue) from running the first point here (its row is kept).
  const doneBefore = points.find((p) => journal.isDone(p.key));
  const dryRun = !doneBefore && todo.length > 0 && !opts.collect && opts.queue !== undefined;
  const pool = !opts.queue && todo.length > 0 ? createPool(Math.min(opts.workers, todo.length), opts.poolRuntime) : null;
  let first: PointResult | null = null;
  const dirExisted = existsSync(opts.outDir);
  try {
    if (doneBefore) checkMetrics(spec, journal.records.get(doneBefore.key) as PointResult);
    else if (dryRun) {
      first = await runPoint(jobs[0]);
      if (first.status === 'ok') checkMetrics(spec, first);
    }
    ensureWritableDir(opts.outDir);
  } catch (err) {
    await pool?.close();
    throw err;
  }
  let metricsChecked = doneBefore !== undefined || first?.status === 'ok';
  // The sweep's copy is written with the first journal line (never, when the metric names are wrong).
  let committed = false;
  const commit = (): void => {
    if (committed) return;
    committed = true;
    if (opts.file) writeAtomic(join(opts.outDir, SWEEP_COPY), text);
  };
  if (metricsChecked) commit();
  const firstFailed = (r: PointResult): void => opts.log(`the first point failed (${r.error}); the metric names are checked on the first point that succeeds`);
  if (first && !metricsChecked) firstFailed(first);
  opts.log(`${points.length} points (${points.length / spec.seeds.length} parameter point${points.length === spec.seeds.length ? '' : 's'} x ${spec.seeds.length} seed${spec.seeds.length === 1 ? '' : 's'}); ${skipped} already done, skipped${retried ? `; ${retried} failed before, tried again` : ''}`);

  let ran = 0;
  let failed = 0;
  const t0 = Date.now();
  const label = opts.queue ? `sweep via ${opts.queue}` : `sweep (${pool?.size ?? 1} worker${(pool?.size ?? 1) === 1 ? '' : 's'})`;
  opts.progress.start(label);
  // Results that arrive before the metric names are checked (failed points) wait here.
  const held: PointResult[] = [];
  const journalOne = (r: PointResult): void => {
    if (!journal.append(r)) return;
    ran++;
    if (r.status !== 'ok') failed++;
    const done = skipped + ran;
    // The rate from the points finished since t0 (a first point run here ran before it).
    const rate = (ran - (first ? 1 : 0)) / ((Date.now() - t0) / 1000);
    opts.progress.update(done / points.length, `${done}/${points.length} done, ${failed} failed, ETA ${eta((points.length - done) / rate)}`);
  };
  const flushHeld = (): void => {
    commit();
    for (const h of held.splice(0)) journalOne(h);
  };
  const record = (r: PointResult): void => {
    if (metricError) return;
    if (!metricsChecked) {
      if (r.status !== 'ok') {
        if (held.length === 0 && !first) firstFailed(r);
        held.push(r);
        return;
      }
      metricsChecked = true;
      try {
        checkMetrics(spec, r);
      } catch (err) {
        metricError = err as Error;
        return;
      }
      flushHeld();
    }
    commit();
    journalOne(r);
  };
  if (first) record(first);
  const rest = first ? jobs.slice(1) : jobs;
  let outstanding = 0;
  try {
    if (opts.queue) {
      const engine = new QueueEngine(opts.queue);
      try {
        const out = await engine.run(rest, { enqueue: !opts.collect, detach: opts.detach ?? false }, record, stopped);
        if (opts.detach) opts.log(`enqueued ${out.enqueued} points on ${opts.queue}; gather them with: memspike sweep --collect --queue ${opts.queue} --out ${opts.outDir}`);
        if (out.unknown.length > 0) opts.log(`${out.unknown.length} point${out.unknown.length === 1 ? ' is' : 's are'} not on the queue; run the sweep without --collect to enqueue ${out.unknown.length === 1 ? 'it' : 'them'}`);
      } finally {
        await engine.close();
      }
    } else if (pool) {
      await runLocal(pool, rest, record, stopped);
    }
  } finally {
    await pool?.close();
    // Every point failed (or the sweep was stopped before one succeeded): their rows are kept.
    if (!metricError && held.length > 0) flushHeld();
    journal.close();
  }
  if (metricError) {
    // Nothing was written; a folder made for this sweep goes too.
    if (!dirExisted) rmdirSync(opts.outDir);
    throw metricError;
  }
  outstanding = points.filter((p) => !journal.records.has(p.key)).length;
  if (outstanding > 0) {
    opts.progress.done(`${skipped + ran}/${points.length} done, ${outstanding} outstanding`);
    return { total: points.length, skipped, ran, failed, complete: false, files: [] };
  }
  opts.progress.done(`${points.length}/${points.length} done, ${failed} failed`);
  const rows = rowsOf(points, journal.records);
  const files = writeTables(opts.outDir, spec, rows);
  files.push(writeStats(opts.outDir, spec, rows));
  if (spec.outputs.figures) files.push(...writeSweepFigures(opts.outDir, spec, rows));
  return { total: points.length, skipped, ran, failed: rows.filter((r) => r.result.status !== 'ok').length, complete: true, files };
}

/** Keeps `workers` points in flight on the pool until all are done or the sweep is stopped. */
async function runLocal(pool: PointPool, jobs: readonly PointJob[], onResult: (r: PointResult) => void, stopped: () => boolean): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length && !stopped()) {
      const job = jobs[next++];
      // A thread that dies (out of memory, a native crash) fails its point, not the sweep.
      onResult(await pool.run(job).catch((err: unknown) => ({ key: job.key, status: 'failed' as const, metrics: {}, error: `worker died: ${err instanceof Error ? err.message : String(err)}`, wallS: 0, worker: 'pool' })));
    }
  };
  await Promise.all(Array.from({ length: pool.size }, lane));
}
