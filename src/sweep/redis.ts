/**
 * Redis connections for the distributed engine: the URL checked (and the
 * server reached) before any work starts, so an unreachable queue fails at
 * once with a one-line error instead of retrying forever.
 */
import { Redis } from 'ioredis';

export const QUEUE_NAME = 'memspike-sweep';

export class QueueUrlError extends Error {}

export function checkQueueUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueUrlError(`--queue: expected a Redis URL such as redis://host:6379/0, got "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new QueueUrlError(`--queue: expected a redis:// or rediss:// URL, got "${url}"`);
  if (!u.hostname) throw new QueueUrlError(`--queue: the URL "${url}" names no host`);
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new QueueUrlError(`--queue: the database in "${url}" must be a number (redis://host:6379/0)`);
}

/** A connection for BullMQ (which requires retries per request to be unlimited). */
export function connect(url: string): Redis {
  const c = new Redis(url, { maxRetriesPerRequest: null });
  // Connection errors surface through the calls that need the connection; don't crash on the event.
  c.on('error', () => {});
  return c;
}

/** Reaches the server once, failing fast. */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  checkQueueUrl(url);
  const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  let last: unknown = null;
  c.on('error', (e) => (last = e));
  try {
    await c.connect();
    await c.ping();
  } catch (err) {
    const e = (last ?? err) as Error;
    throw new QueueUrlError(`cannot reach Redis at ${url}: ${e.message || String(e)}`);
  } finally {
    c.disconnect();
  }
}
