/**
 * Runs one point: the scenario through the harness into a temporary folder,
 * then every row of its summary.json read back by name (the sweep picks its
 * columns from these, so adding a column later needs no rerun). The same function runs
 * in a local worker process and on a remote worker, so both give the same row.
 * It never throws: a failing point is a result with its error.
 * The scenario writes straight into the point's own temporary folder: the
 * staging and landing of a command-line run (runScenario) guard a folder
 * the user keeps, which a point's is not (and cost a pause per point).
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { findScenario } from '../../scenarios/index.ts';
import { CLI_BUDGET, checkBudget } from '../harness/estimate.ts';
import { resolveParams } from '../harness/params.ts';
import { checkSeed } from '../harness/runner.ts';
import { silentProgress } from '../report/progress.ts';
import { makeDirs } from '../record/write.ts';
import { memspikeVersion } from './points.ts';
import type { MetricValue, PointJob, PointResult } from './types.ts';

export const workerName = (): string => `${hostname()}/${process.pid}/${threadId}`;

/**
 * Rows of summary.json by name: every array of objects with `name` and `simulated`
 * (the list of rows may be split by kind), first occurrence of a name wins.
 */
export function summaryRows(summary: unknown): Map<string, MetricValue> {
  const rows = new Map<string, MetricValue>();
  if (summary === null || typeof summary !== 'object') return rows;
  for (const v of Object.values(summary as Record<string, unknown>)) {
    if (!Array.isArray(v)) continue;
    for (const r of v) {
      if (r === null || typeof r !== 'object' || typeof (r as { name?: unknown }).name !== 'string' || !('simulated' in r)) continue;
      const { name, simulated } = r as { name: string; simulated: unknown };
      if (rows.has(name)) continue;
      rows.set(name, typeof simulated === 'number' || typeof simulated === 'string' || typeof simulated === 'boolean' ? simulated : null);
    }
  }
  return rows;
}

export async function runPoint(job: PointJob): Promise<PointResult> {
  const t0 = performance.now();
  const worker = workerName();
  const dir = mkdtempSync(join(tmpdir(), 'memspike-point-'));
  const done = (status: 'ok' | 'failed', metrics: Record<string, MetricValue>, error: string | null): PointResult => ({
    key: job.key,
    status,
    metrics,
    error,
    wallS: (performance.now() - t0) / 1000,
    worker,
  });
  try {
    if (job.version !== memspikeVersion()) {
      return done('failed', {}, `this worker runs memspike ${memspikeVersion()}, the point needs ${job.version}`);
    }
    if (job.target.kind !== 'scenario') return done('failed', {}, 'circuit files are not supported by this version');
    const scenario = findScenario(job.target.name);
    // As runScenario: the same parameters, seed check and work budget, into DIR/<scenario>.
    const params = resolveParams(scenario.name, scenario.params, job.params);
    const seed = checkSeed(job.seed);
    checkBudget(scenario, params, CLI_BUDGET, job.quick, 'Choose smaller parameters, or pass --force to run it anyway.');
    const out = { dir: join(dir, scenario.name) };
    mkdirSync(out.dir);
    await scenario.run({ params, seed, outDir: out.dir, outputs: job.outputs ?? 'all', quick: job.quick, progress: silentProgress });
    // Read back the file, as a remote worker's row travels as JSON too (Infinity becomes null).
    const rows = summaryRows(JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')));
    const metrics: Record<string, MetricValue> = Object.fromEntries(rows);
    if (job.keepDir) {
      makeDirs(job.keepDir);
      const dest = join(job.keepDir, job.key);
      rmSync(dest, { recursive: true, force: true });
      renameSync(out.dir, dest);
    }
    return done('ok', metrics, null);
  } catch (err) {
    // The temporary folder's name differs per run: keep it out of the message so rows compare equal.
    const msg = (err instanceof Error ? err.message : String(err)).split(dir).join('<point folder>').split('\n')[0];
    return done('failed', {}, msg);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

