/**
 * Sweep throughput: points per second of one sweep (32 LTP/LTD runs of 100 cycles with
 * cycle-to-cycle variation) on the local pool with 1 and 2 workers, and
 * through a Redis queue (a throwaway redis-server on a loopback port) with
 * two `memspike worker` processes of one thread each. Wall time of the whole
 * sweep: validation, the first point on the main thread, thread start-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { silentProgress } from '../src/report/progress.ts';
import { runSweep } from '../src/sweep/sweep.ts';
import type { BenchModule, BenchResult } from './types.ts';

const repo = resolve(import.meta.dirname, '..');
const POINTS = 32;

function sweepFile(dir: string, firstSeed: number): string {
  const file = join(dir, `bench-${firstSeed}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      scenario: 'fig3b-ltp-ltd',
      set: { cycles: 100 },
      axes: { variationPct: [5, 10] },
      seeds: { from: firstSeed, count: POINTS / 2 },
      metrics: ['dynamic range Gmax / Gmin (mean over those cycles)'],
    }),
  );
  return file;
}

/** Wall time of the sweep, and the CPU time of this process (main thread and pool threads). */
async function timeSweep(file: string, outDir: string, workers: number, queue?: string): Promise<{ wallS: number; cpuS: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await runSweep({ file, outDir, workers, queue, progress: silentProgress, log: () => {} });
  if (!out.complete || out.failed > 0 || out.ran !== POINTS) throw new Error(`bench sweep: ${out.ran} of ${POINTS} points ran, ${out.failed} failed`);
  const c = process.cpuUsage(c0);
  return { wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 };
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
  description: `points/s of a ${POINTS}-point sweep (fig3b-ltp-ltd, 100 cycles): local pool with 1 and 2 workers, Redis queue with 2 worker processes`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'memspike-bench-sweep-'));
    try {
      const load = loadavg()[0].toFixed(1);
      const spare = (await availableCores()).toFixed(2);
      // The same points for 1 and 2 workers, each into a fresh folder (nothing skipped).
      const file = sweepFile(dir, 1000);
      const r1 = await timeSweep(file, join(dir, 'w1'), 1);
      const r2 = await timeSweep(file, join(dir, 'w2'), 2);
      const [s1, s2] = [r1.wallS, r2.wallS];
      // CPU / wall: the cores this process actually got (on a machine shared with other work, fewer than asked).
      const results: BenchResult[] = [
        { name: 'sweep/local-1-worker', value: POINTS / s1, unit: 'points/s', detail: { points: POINTS, wallS: s1.toFixed(2), coresUsed: (r1.cpuS / s1).toFixed(2), load1min: load } },
        { name: 'sweep/local-2-workers', value: POINTS / s2, unit: 'points/s', detail: { points: POINTS, wallS: s2.toFixed(2), speedup: (s1 / s2).toFixed(2), coresUsed: (r2.cpuS / s2).toFixed(2), coresFor2BusyThreads: spare, load1min: loadavg()[0].toFixed(1) } },
      ];
      const r = await viaRedis(dir);
      if (r) results.push({ ...r, detail: { ...r.detail, speedupVs1: (r.value / results[0].value).toFixed(2), load1min: loadavg()[0].toFixed(1) } });
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
