/**
 * Sweep throughput: points per second of one sweep (32 LTP/LTD runs of 100 cycles with
 * cycle-to-cycle variation) on the local pool with 1 and 2 workers, and
 * through a Redis queue (a throwaway redis-server on a loopback port) with
 * two `memspike worker` processes of one worker each. Wall time of the whole
 * sweep: validation, worker start-up.
 *
 * 1 and 2 workers run alternately (ROUNDS times each; medians), for the
 * pool's worker processes and, to compare, worker threads with V8's default
 * (parallel) GC. The machine may be shared, so beside wall times it reports
 * CPU time per point (main process: every thread of this process; workers:
 * the worker processes, or for threads everything but the main thread) and
 * the CPU-time-based figures, which the other tenants of the machine move
 * less than wall times: the ratio of CPU per point with 1 and 2 workers;
 * coresPerWorker, all CPU time per CPU second of the workers' JavaScript
 * threads (the point's critical path; the rest is V8's helper threads, the
 * main process, start-up); and the speed-up 2 workers reach on 2 free cores
 * when those threads are the critical path and everything shares 2 cores:
 * 2 x (workers' JavaScript CPU) / (all CPU), in the 2-worker run.
 *
 * Points write only summary.json (the sweep's default) and the workers load
 * the bundled modules. Measured on a quiet 2-core machine (load 0.9-1.7,
 * three rounds): 100-cycle points, processes 12.58 / 13.77 points/s with 1 /
 * 2 workers (1.10x, warm 1.18x), threads 12.99 / 13.28 (1.02x); 1000-cycle
 * points, processes 1.75 / 3.27 points/s (1.86x, pairwise 1.81x, warm
 * 2.11x); Redis with 2 warmed workers 27.54 points/s. With the first point
 * run alone on the main thread (to check the metric names) the 1000-cycle
 * sweep reached 1.80 / 3.00 points/s (1.67x); all workers now start at once
 * and results wait for the check. Before that (every file written, sources
 * through tsx, worker threads): 1.91 / 2.31 points/s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { silentProgress } from '../src/report/progress.ts';
import type { PoolRuntime } from '../src/sweep/pool.ts';
import { runSweep } from '../src/sweep/sweep.ts';
import type { BenchModule, BenchResult } from './types.ts';

const repo = resolve(import.meta.dirname, '..');
const POINTS = 32;
const ROUNDS = Number(process.env.MEMSPIKE_BENCH_ROUNDS ?? 2);
const TICK_S = 0.01;
/** Cycles per point: the short points (about 50 ms warm) show the fixed costs; the long ones (about 0.5 s) a study's points. */
const SHORT_CYCLES = 100;
const LONG_CYCLES = 1000;

function sweepFile(dir: string, firstSeed: number, cycles = SHORT_CYCLES): string {
  const file = join(dir, `bench-${firstSeed}-${cycles}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      scenario: 'fig3b-ltp-ltd',
      set: { cycles },
      axes: { variationPct: [5, 10] },
      seeds: { from: firstSeed, count: POINTS / 2 },
      metrics: ['dynamic range Gmax / Gmin (mean over those cycles)'],
    }),
  );
  return file;
}

/** CPU seconds of /proc stat fields (utime, stime at 14, 15; cutime, cstime at 16, 17: exited children). */
function statCpu(text: string, first: number): number {
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(f[first - 3]) + Number(f[first - 2])) * TICK_S;
}

/** CPU seconds of every thread of process `pid` by thread id, keyed "pid/tid" (threads that end keep their last value). */
function sampleProcess(pid: string, into: Map<string, number>): void {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const t of tasks) {
    try {
      into.set(`${pid}/${t}`, statCpu(readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8'), 14));
    } catch {
      // The thread ended between listing and reading.
    }
  }
}

/** This process's threads and those of its child processes (the pool's workers). */
function sampleThreads(into: Map<string, number>): void {
  const self = String(process.pid);
  sampleProcess(self, into);
  for (const t of readdirSync('/proc/self/task')) {
    let kids = '';
    try {
      kids = readFileSync(`/proc/self/task/${t}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const pid of kids.split(' ').filter(Boolean)) sampleProcess(pid, into);
  }
}

interface SweepTiming {
  readonly wallS: number;
  /** CPU s: the main thread, other threads of this process, worker processes (exited children). */
  readonly mainS: number;
  readonly otherS: number;
  readonly childS: number;
  /** CPU s of the workers' JavaScript threads (the main thread of each worker process, or each pool thread). */
  readonly workerJsS: number;
  /** Median wall time (s) of one point in a worker, after each worker's first point (warm: modules loaded, code optimised). */
  readonly warmPointS: number;
}

/** Wall time of the sweep and the CPU time of this process's threads and of its worker processes. */
async function timeSweep(file: string, outDir: string, workers: number, queue?: string, poolRuntime?: PoolRuntime): Promise<SweepTiming> {
  const before = new Map<string, number>();
  sampleThreads(before);
  const seen = new Map<string, number>();
  const poll = setInterval(() => sampleThreads(seen), 50);
  const child0 = statCpu(readFileSync('/proc/self/stat', 'utf8'), 16);
  const t0 = performance.now();
  const out = await runSweep({ file, outDir, workers, queue, poolRuntime, progress: silentProgress, log: () => {} });
  const wallS = (performance.now() - t0) / 1000;
  if (!out.complete || out.failed > 0 || out.ran !== POINTS) throw new Error(`bench sweep: ${out.ran} of ${POINTS} points ran, ${out.failed} failed`);
  clearInterval(poll);
  // Worker processes are counted once reaped: wait until the children's total stops changing.
  let childS = statCpu(readFileSync('/proc/self/stat', 'utf8'), 16) - child0;
  for (let k = 0; k < 20; k++) {
    await new Promise((r) => setTimeout(r, 50));
    const c = statCpu(readFileSync('/proc/self/stat', 'utf8'), 16) - child0;
    if (c === childS && k > 2) break;
    childS = c;
  }
  sampleThreads(seen);
  let mainS = 0;
  let otherS = 0;
  const self = String(process.pid);
  const workerJs: number[] = [];
  const threads: number[] = [];
  for (const [key, cpu] of seen) {
    const [pid, tid] = key.split('/');
    const d = cpu - (before.get(key) ?? 0);
    if (pid !== self) {
      if (pid === tid) workerJs.push(d);
      continue;
    }
    if (tid === self) mainS += d;
    else {
      otherS += d;
      threads.push(d);
    }
  }
  // Worker threads: the busiest threads of this process but the main one.
  const js = poolRuntime === 'threads' ? threads.sort((a, b) => b - a).slice(0, workers) : workerJs;
  return { wallS, mainS, otherS, childS, workerJsS: js.reduce((a, b) => a + b, 0), warmPointS: warmPointS(outDir) };
}

/** From timings.csv: each worker's points but its first, median wall time. */
function warmPointS(outDir: string): number {
  const [head, ...lines] = readFileSync(join(outDir, 'timings.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  const [w, t] = [cols.indexOf('worker'), cols.indexOf('wallS')];
  const seen = new Set<string>();
  const walls: number[] = [];
  for (const line of lines) {
    const f = line.split(',');
    if (seen.has(f[w])) walls.push(Number(f[t]));
    seen.add(f[w]);
  }
  return median(walls);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Per point (ms): main thread + its helpers, and the workers; for threads the workers are the threads but the main one. */
function cpuPerPoint(t: SweepTiming, runtime: PoolRuntime): { mainMs: number; workersMs: number; totalMs: number } {
  const mainS = runtime === 'processes' ? t.mainS + t.otherS : t.mainS;
  const workersS = runtime === 'processes' ? t.childS : t.otherS + t.childS;
  return { mainMs: (mainS / POINTS) * 1000, workersMs: (workersS / POINTS) * 1000, totalMs: ((mainS + workersS) / POINTS) * 1000 };
}

/** 1 and 2 workers alternately, ROUNDS times, on the same points (each into a fresh folder). */
async function compare(dir: string, file: string, runtime: PoolRuntime, label = ''): Promise<BenchResult[]> {
  const runs: Record<1 | 2, SweepTiming[]> = { 1: [], 2: [] };
  const loads: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const w of [1, 2] as const) {
      loads.push(loadavg()[0].toFixed(1));
      runs[w].push(await timeSweep(file, join(dir, `${runtime}${label ? '-long' : ''}-w${w}-r${r}`), w, undefined, runtime));
    }
  }
  const wall = (w: 1 | 2): number => median(runs[w].map((t) => t.wallS));
  const cpu = (w: 1 | 2, k: 'mainMs' | 'workersMs' | 'totalMs'): number => median(runs[w].map((t) => cpuPerPoint(t, runtime)[k]));
  const cores = (w: 1 | 2): number => median(runs[w].map((t) => (t.mainS + t.otherS + t.childS) / t.wallS));
  // Pairwise wall ratios of the alternating rounds.
  const speedup = median(runs[1].map((t, r) => t.wallS / runs[2][r].wallS));
  const detail = (w: 1 | 2) => ({
    wallS: runs[w].map((t) => t.wallS.toFixed(2)).join('/'),
    mainCpuMsPerPoint: cpu(w, 'mainMs').toFixed(0),
    workerCpuMsPerPoint: cpu(w, 'workersMs').toFixed(0),
    coresUsed: cores(w).toFixed(2),
    // CPU of everything per CPU of the workers' JavaScript threads: what one worker's lane costs in cores.
    warmPointMs: (median(runs[w].map((t) => t.warmPointS)) * 1000).toFixed(0),
    coresPerWorker: median(runs[w].map((t) => (t.mainS + t.otherS + t.childS) / t.workerJsS)).toFixed(2),
  });
  return [
    { name: `sweep/${runtime}-1-worker${label}`, value: POINTS / wall(1), unit: 'points/s', detail: { points: POINTS, ...detail(1) } },
    {
      name: `sweep/${runtime}-2-workers${label}`,
      value: POINTS / wall(2),
      unit: 'points/s',
      detail: {
        ...detail(2),
        speedup: speedup.toFixed(2),
        // Two warm workers, each finishing a point per warmPointMs.
        warmSpeedup: ((2 * median(runs[1].map((t) => t.warmPointS))) / median(runs[2].map((t) => t.warmPointS))).toFixed(2),
        cpuPerPoint1vs2: (cpu(1, 'totalMs') / cpu(2, 'totalMs')).toFixed(2),
        workerJsCpuMsPerPoint: median(runs[2].map((t) => (t.workerJsS / POINTS) * 1000)).toFixed(0),
        speedupOn2FreeCores: median(runs[2].map((t) => Math.min(2, (2 * t.workerJsS) / (t.mainS + t.otherS + t.childS)))).toFixed(2),
        load1min: loads.join('/'),
      },
    },
  ];
}

/** Cores two busy threads of this process get right now (CPU time / wall time over 2 s): what the machine leaves us. */
async function availableCores(): Promise<number> {
  const spin = 'const t = Date.now(); let x = 0; while (Date.now() - t < 2000) x += Math.sqrt(x + 1);';
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all([0, 1].map(() => new Promise((done) => new Worker(spin, { eval: true }).on('exit', done))));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / (performance.now() - t0);
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((done, fail) => {
    let buf = '';
    child.stdout?.on('data', (b) => {
      buf += b;
      if (buf.includes(text)) done();
    });
    child.on('exit', (c) => fail(new Error(`exited (${c}) before "${text}": ${buf}`)));
  });
}

async function viaRedis(dir: string): Promise<BenchResult | null> {
  if (!existsSync('/usr/bin/redis-server')) return null;
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}/0`;
  const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const workers: ChildProcess[] = [];
  try {
    await waitFor(redis, 'Ready to accept connections');
    for (let i = 0; i < 2; i++) workers.push(spawn(process.execPath, [join(repo, 'bin/memspike.js'), 'worker', '--queue', url, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'ignore'] }));
    await Promise.all(workers.map((w) => waitFor(w, 'taking jobs')));
    // Warm the workers' threads with one small sweep first, as long-running workers would be.
    await runSweep({ file: sweepFile(dir, 5000), outDir: join(dir, 'warm'), workers: 2, queue: url, progress: silentProgress, log: () => {} });
    const s = (await timeSweep(sweepFile(dir, 3000), join(dir, 'redis'), 2, url)).wallS;
    return { name: 'sweep/redis-2-workers', value: POINTS / s, unit: 'points/s', detail: { points: POINTS, wallS: s.toFixed(2) } };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    redis.kill('SIGTERM');
  }
}

export const sweepBench: BenchModule = {
  name: 'sweep',
  // Minutes of work and a redis-server: only when named (--only sweep).
  optIn: true,
  description: `points/s of a ${POINTS}-point sweep (fig3b-ltp-ltd, ${SHORT_CYCLES} cycles a point; processes also at ${LONG_CYCLES}): local pool with 1 and 2 workers (processes, and threads to compare; alternating, CPU per point), Redis queue with 2 worker processes`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'memspike-bench-sweep-'));
    try {
      const spare = (await availableCores()).toFixed(2);
      const file = sweepFile(dir, 1000);
      const results: BenchResult[] = [];
      for (const runtime of ['processes', 'threads'] as const) results.push(...(await compare(dir, file, runtime)));
      results[1] = { ...results[1], detail: { ...results[1].detail, coresFor2BusyThreads: spare } };
      results.push(...(await compare(dir, sweepFile(dir, 2000, LONG_CYCLES), 'processes', ` (${LONG_CYCLES} cycles a point)`)));
      const r = await viaRedis(dir);
      if (r) results.push({ ...r, detail: { ...r.detail, speedupVs1: (r.value / results[0].value).toFixed(2), load1min: loadavg()[0].toFixed(1) } });
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
