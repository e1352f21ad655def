/**
 * The distributed engine: each point is a BullMQ job on Redis whose id is the
 * point key, so enqueueing a point twice is a no-op and a result is found by
 * key later (`--collect`). Workers anywhere take the jobs and post results as
 * the jobs' return values; this side gathers them as they complete (queue
 * events, with a periodic look at every outstanding job in case an event was
 * missed). A job whose worker died is put back by BullMQ's stalled-job check
 * and run again elsewhere; the journal keeps one row per key either way.
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAME, connect } from './redis.ts';
import type { PointJob, PointResult } from './types.ts';

/** Finished jobs stay this long in Redis, for a later `--collect`. */
const KEEP_S = 7 * 24 * 3600;
const RECONCILE_MS = 3000;
/** Jobs looked up at once. */
const CHUNK = 100;

export interface QueueRun {
  /** Enqueue missing jobs (false: gather only, `--collect`). */
  readonly enqueue: boolean;
  /** Return once enqueued, without waiting (`--detach`). */
  readonly detach: boolean;
}

export interface GatherOutcome {
  readonly enqueued: number;
  /** Keys the queue does not know (only when not enqueueing). */
  readonly unknown: readonly string[];
}

function failedResult(key: string, reason: string): PointResult {
  return { key, status: 'failed', metrics: {}, error: `job failed on the queue: ${reason}`, wallS: 0, worker: 'queue' };
}

export class QueueEngine {
  private readonly conn: Redis;
  private readonly queue: Queue;

  constructor(readonly url: string) {
    this.conn = connect(url);
    this.queue = new Queue(QUEUE_NAME, { connection: this.conn });
  }

  /** A finished job's result, or null while it is waiting, running or unknown. */
  private resultOf(job: Job | undefined, state: string): PointResult | null {
    if (!job) return null;
    if (state === 'completed') return job.returnvalue as PointResult;
    if (state === 'failed') return failedResult(job.id ?? '', job.failedReason);
    return null;
  }

  async run(jobs: readonly PointJob[], opts: QueueRun, onResult: (r: PointResult) => void, stopped: () => boolean): Promise<GatherOutcome> {
    const pending = new Map(jobs.map((j) => [j.key, j]));
    let wake: (() => void) | null = null;
    const finish = (r: PointResult | null): void => {
      if (r && pending.delete(r.key)) {
        onResult(r);
        if (pending.size === 0) wake?.();
      }
    };
    let events: QueueEvents | null = null;
    const eventsConn = opts.detach ? null : connect(this.url);
    if (eventsConn) {
      // Listen before enqueueing, so no completion falls between the two.
      events = new QueueEvents(QUEUE_NAME, { connection: eventsConn });
      await events.waitUntilReady();
      events.on('completed', ({ jobId }) => void this.look(jobId).then(finish, () => {}));
      events.on('failed', ({ jobId }) => void this.look(jobId).then(finish, () => {}));
    }
    let enqueued = 0;
    const unknown: string[] = [];
    const toAdd: PointJob[] = [];
    for (let i = 0; i < jobs.length; i += CHUNK) {
      const chunk = jobs.slice(i, i + CHUNK);
      const found = await Promise.all(chunk.map(async (j) => {
        const job = await Job.fromId<PointJob, PointResult>(this.queue, j.key);
        return { j, job, state: job ? await job.getState() : null };
      }));
      for (const { j, job, state } of found) {
        if (!job || state === null || state === 'unknown') {
          if (opts.enqueue) toAdd.push(j);
          else unknown.push(j.key);
        } else if (state === 'failed' && opts.enqueue) {
          // A point that failed on the queue before is tried again.
          await job.retry('failed');
          enqueued++;
        } else if (!opts.detach) finish(this.resultOf(job, state));
      }
    }
    for (let i = 0; i < toAdd.length; i += 500) {
      const chunk = toAdd.slice(i, i + 500);
      await this.queue.addBulk(
        chunk.map((j) => ({ name: 'point', data: j, opts: { jobId: j.key, attempts: 1, removeOnComplete: { age: KEEP_S }, removeOnFail: { age: KEEP_S } } })),
      );
      enqueued += chunk.length;
    }
    for (const k of unknown) pending.delete(k);
    if (events) {
      while (pending.size > 0 && !stopped()) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, RECONCILE_MS);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
        wake = null;
        const keys = [...pending.keys()];
        for (let i = 0; i < keys.length && !stopped(); i += CHUNK) {
          for (const r of await Promise.all(keys.slice(i, i + CHUNK).map((k) => this.look(k)))) finish(r);
        }
      }
      await events.close();
      eventsConn?.disconnect();
    }
    return { enqueued, unknown };
  }

  private async look(key: string): Promise<PointResult | null> {
    const job = await Job.fromId<PointJob, PointResult>(this.queue, key);
    return job ? this.resultOf(job, await job.getState()) : null;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.conn.disconnect();
  }
}
