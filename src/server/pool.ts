/**
 * Worker threads for live runs. Each run gets a thread of its own, with a
 * heap limit (resourceLimits); a thread whose run ended normally returns to
 * the pool and serves the next run, so the cost of starting a thread and
 * loading the scenario modules (about a second under tsx) is paid once. A
 * few spare threads are kept warm. A thread that failed, ran out of memory
 * or did not answer a stop in time is terminated, never reused.
 *
 * Under tsx the thread first registers tsx's loader, then loads
 * run-worker.ts; once compiled, run-worker.js is imported directly (the same
 * extension as this module).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MODULE_EXT, packageModule } from './modules.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-messages.ts';

// Under tsx, tsx's CommonJS hook loads the TypeScript in the thread: it registers in
// milliseconds, where the ESM loader hooks start a loader thread per worker (seconds under load).
const BOOT = `
const { workerData } = require('node:worker_threads');
const { fileURLToPath } = require('node:url');
if (workerData.tsxCjsApi) {
  require(workerData.tsxCjsApi).register();
  globalThis.__memspikeLoadModule = async (url) => require(fileURLToPath(url));
  require(fileURLToPath(workerData.entry));
} else {
  import(workerData.entry).catch((err) => { setImmediate(() => { throw err; }); });
}
`;

function tsxCjsApiPath(): string | null {
  if (MODULE_EXT !== '.ts') return null;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('tsx/package.json')), 'dist/cjs/api/index.cjs');
}

export interface PoolOptions {
  preload: readonly string[];
  heapMb: number;
  youngMb: number;
  /** Threads kept warm (modules preloaded) beyond those running. */
  spares: number;
  /** Idle threads kept for reuse after their runs (at least `spares`). */
  keepIdle: number;
}

export type WorkerEvents = {
  message(m: FromWorker): void;
  /** The thread died (error text), e.g. out of memory. */
  died(reason: string, outOfMemory: boolean): void;
};

export class RunWorker {
  handler: WorkerEvents | null = null;
  ready = false;
  dead = false;

  constructor(readonly thread: Worker) {}

  post(m: ToWorker): void {
    if (!this.dead) this.thread.postMessage(m);
  }
}

export class WorkerPool {
  private idle: RunWorker[] = [];
  private all = new Set<RunWorker>();
  private closed = false;
  private readonly entry = packageModule('./run-worker');
  private readonly tsxCjsApi = tsxCjsApiPath();

  constructor(private readonly opts: PoolOptions) {}

  get threads(): number {
    return this.all.size;
  }

  /** Keeps `spares` idle threads. */
  warm(): void {
    while (!this.closed && this.idle.length < this.opts.spares) this.idle.push(this.spawn(this.opts.preload));
  }

  /**
   * A thread for a run: a warm one if there is one, else a new one that loads
   * only the run's module; messages posted before it is ready wait in its port.
   */
  take(): RunWorker {
    const w = this.idle.pop() ?? this.spawn([]);
    this.warmSoon();
    return w;
  }

  /** Refills the spares once starts have paused for a moment (a burst of starts is not slowed by refills). */
  private warmTimer: NodeJS.Timeout | null = null;
  private warmSoon(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      this.warm();
    }, 500);
    this.warmTimer.unref();
  }

  /** A thread whose run ended normally: back to the pool (or ended, beyond the spares). */
  give(w: RunWorker): void {
    w.handler = null;
    if (w.dead || this.closed) return;
    if (this.idle.length < Math.max(this.opts.spares, this.opts.keepIdle)) this.idle.push(w);
    else this.kill(w);
  }

  kill(w: RunWorker): void {
    w.handler = null;
    w.dead = true;
    this.all.delete(w);
    this.idle = this.idle.filter((x) => x !== w);
    void w.thread.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    const all = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(all.map((w) => ((w.dead = true), w.thread.terminate())));
  }

  private spawn(preload: readonly string[]): RunWorker {
    const init: WorkerInit & { entry: string; tsxCjsApi: string | null } = {
      preload,
      memoryLimitBytes: (this.opts.heapMb + this.opts.youngMb) * 1024 * 1024,
      entry: this.entry,
      tsxCjsApi: this.tsxCjsApi,
    };
    const thread = new Worker(BOOT, {
      eval: true,
      workerData: init,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb, maxYoungGenerationSizeMb: this.opts.youngMb, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    const w = new RunWorker(thread);
    this.all.add(w);
    thread.on('message', (m: FromWorker) => {
      if (m.op === 'ready') w.ready = true;
      w.handler?.message(m);
    });
    let reason: string | null = null;
    let oom = false;
    thread.on('error', (err: Error & { code?: string }) => {
      oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      reason = oom ? `it exceeded its memory limit of ${this.opts.heapMb} MB` : `its worker failed: ${err.message}`;
    });
    thread.on('exit', (code) => {
      const wasDead = w.dead;
      w.dead = true;
      this.all.delete(w);
      this.idle = this.idle.filter((x) => x !== w);
      if (!wasDead) w.handler?.died(reason ?? `its worker exited (code ${code})`, oom);
      w.handler = null;
      // A thread that died before it was ready (a module that cannot load) is not replaced in a loop.
      if (!wasDead && w.ready) this.warmSoon();
    });
    thread.unref();
    return w;
  }
}
