/**
 * The local engine: points in a pool of worker threads (tinypool), so a
 * sweep uses every core and the main thread stays free for the journal and
 * progress. The worker file sits beside this module with the same extension;
 * from TypeScript sources a small entry installs tsx's loader in the thread
 * first, a compiled package loads its .js worker directly.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import type { PointJob, PointResult } from './types.ts';

export function defaultWorkers(): number {
  return availableParallelism();
}

export interface PointPool {
  readonly size: number;
  run(job: PointJob): Promise<PointResult>;
  close(): Promise<void>;
}

/** The worker entry beside this module: `pool-worker.js` when compiled, the tsx entry for sources. */
export function workerFile(): string {
  const ext = extname(fileURLToPath(import.meta.url));
  return new URL(ext === '.ts' ? './pool-worker-tsx.mjs' : `./pool-worker${ext}`, import.meta.url).href;
}

export function createPool(size: number): PointPool {
  const pool = new Tinypool({ filename: workerFile(), minThreads: size, maxThreads: size, idleTimeout: 60_000 });
  return {
    size,
    run: (job) => pool.run(job) as Promise<PointResult>,
    close: () => pool.destroy(),
  };
}
