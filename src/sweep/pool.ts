/**
 * The local engine: points in a pool of worker processes (tinypool), so a
 * sweep uses every core and the main thread stays free for the journal and
 * progress. The workers stay up for the whole sweep (modules loaded once).
 * The worker file sits beside this module with the same extension; a
 * compiled package loads its .js worker directly, and from TypeScript sources
 * the workers load one bundle of the worker's modules (worker-bundle.ts),
 * made while they start (or, when it cannot be written, a small entry that
 * installs tsx's loader in the worker first).
 *
 * Processes rather than threads, so the workers can take V8 flags (a worker
 * thread cannot): each collects garbage on its own thread
 * (--single-threaded-gc) with a larger young generation
 * (--max-semi-space-size=32, MB). With V8's parallel and concurrent helpers a
 * worker used about 1.3 cores: on a machine whose cores all run points the
 * helpers only take time from the other workers (with them, 1.42 cores
 * per worker instead of 1.28 and 15 % more worker CPU per point; measured by
 * bench/sweep.ts).
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import type { PointJob, PointResult } from './types.ts';
import { bundleWorker } from './worker-bundle.ts';

export function defaultWorkers(): number {
  return availableParallelism();
}

export interface PointPool {
  readonly size: number;
  run(job: PointJob): Promise<PointResult>;
  close(): Promise<void>;
}

/** The worker entry: `pool-worker.js` beside this module when compiled; from sources the bundle, else the tsx entry. */
export async function workerFile(): Promise<string> {
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./pool-worker${ext}`, import.meta.url).href;
  if (ext !== '.ts') return entry;
  return (await bundleWorker(entry)) ?? new URL('./pool-worker-tsx.mjs', import.meta.url).href;
}

/** V8 flags of the worker processes (see the header). */
export const WORKER_V8_FLAGS: readonly string[] = ['--single-threaded-gc', '--max-semi-space-size=32'];

/** Worker processes (the default), or worker threads with V8's default GC (kept to compare in bench/sweep.ts). */
export type PoolRuntime = 'processes' | 'threads';

/** The workers start once their entry is ready (at once when compiled). */
export function createPool(size: number, runtime: PoolRuntime = 'processes'): PointPool {
  const pool = workerFile().then((filename) => {
    const common = { filename, minThreads: size, maxThreads: size, idleTimeout: 60_000 };
    return new Tinypool(runtime === 'processes' ? { ...common, runtime: 'child_process', execArgv: [...WORKER_V8_FLAGS] } : common);
  });
  // A failure shows in run() and close(); not an unhandled rejection in between.
  pool.catch(() => {});
  return {
    size,
    run: async (job) => (await pool).run(job) as Promise<PointResult>,
    close: async () => (await pool).destroy(),
  };
}
