/**
 * `memspike worker`: takes point jobs from the queue and posts each result as
 * the job's return value. Points run in this machine's worker-thread pool, so
 * the main thread stays free to renew the jobs' locks; a worker that dies
 * stops renewing, and after the lock duration another worker's stalled-job
 * check puts its jobs back on the queue.
 */
import { Worker } from 'bullmq';
import { QUEUE_NAME, connect } from './redis.ts';
import { createPool } from './pool.ts';
import type { PointJob, PointResult } from './types.ts';

export interface WorkerOptions {
  readonly url: string;
  readonly concurrency: number;
  /** How long a job stays locked without renewal (ms). */
  readonly lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (ms). */
  readonly stalledIntervalMs?: number;
  readonly log: (line: string) => void;
}

/** How often a job may be put back after its worker died before it counts as failed. */
export const MAX_STALLED = 5;

export interface RunningWorker {
  close(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const pool = createPool(opts.concurrency);
  const conn = connect(opts.url);
  const worker = new Worker<PointJob, PointResult>(
    QUEUE_NAME,
    async (job) => {
      opts.log(`start ${job.id}`);
      const r = await pool.run(job.data);
      opts.log(`${r.status === 'ok' ? 'done' : 'failed'} ${job.id} ${r.wallS.toFixed(2)} s${r.error ? ': ' + r.error : ''}`);
      return r;
    },
    {
      connection: conn,
      concurrency: opts.concurrency,
      maxStalledCount: MAX_STALLED,
      ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs } : {}),
      ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
    },
  );
  worker.on('error', (err) => opts.log(`queue error: ${err.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await pool.close();
      conn.disconnect();
    },
  };
}
