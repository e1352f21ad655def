/**
 * The live server's limits, in one place (the README's viewer section states
 * them). Concurrent runs are capped by the machine: each run is a worker
 * thread with its own heap limit, so the cap keeps all of them within half
 * the memory and within a few runs per core.
 */
import { availableParallelism, totalmem } from 'node:os';

/** Heap (old generation) of one run's worker thread. */
export const RUN_MEMORY_MB = 512;
/** Young generation of a run's worker (counted on top of RUN_MEMORY_MB). */
export const RUN_YOUNG_MB = 32;
/** What a worker costs beyond its heap limit (code, thread, buffers), for the cap. */
const RUN_OVERHEAD_MB = 96;
export const ABSOLUTE_MAX_RUNS = 32;
export const RUNS_PER_CORE = 8;
export const DEFAULT_MAX_CONNECTIONS = 64;
/** A connection that has not started a run within this time is closed (4000). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
/** Unsent bytes for a client above which nothing more is sent and its messages are not read. */
export const DEFAULT_SOFT_SEND_BYTES = 4 * 1024 * 1024;
/** Unsent bytes above which a client is closed at once (4008). */
export const DEFAULT_HARD_SEND_BYTES = 16 * 1024 * 1024;
/** A client over the soft bound for this long is closed (4008). */
export const DEFAULT_STALL_MS = 10_000;
/** Replies held for a client over the soft bound; beyond this the client is closed (4008). */
export const MAX_QUEUED_BYTES = 1024 * 1024;

/** Concurrent runs this machine affords: min(32, 8 per core, half the memory / cost per run). */
export function machineMaxRuns(cores = availableParallelism(), memBytes = totalmem()): number {
  const perRun = (RUN_MEMORY_MB + RUN_YOUNG_MB + RUN_OVERHEAD_MB) * 1024 * 1024;
  const byMemory = Math.floor(memBytes / 2 / perRun);
  return Math.max(1, Math.min(ABSOLUTE_MAX_RUNS, cores * RUNS_PER_CORE, byMemory));
}

export interface ConnectionLimits {
  softSendBytes: number;
  hardSendBytes: number;
  stallMs: number;
  idleTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  softSendBytes: DEFAULT_SOFT_SEND_BYTES,
  hardSendBytes: DEFAULT_HARD_SEND_BYTES,
  stallMs: DEFAULT_STALL_MS,
  idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
};
