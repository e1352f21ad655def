/**
 * Load against the live server, shared by its tests and `npm run bench`:
 * - floodRss: a client that never reads floods the server with small pings;
 *   the server's resident memory is sampled before, during and after.
 * - pingUnderLoad: while one client runs a 64 x 64 skin patch flat out and
 *   another starts five heavy runs in a burst, a third client's ping round
 *   trips are timed.
 * Servers run in this process; the flooder is a child process, so its own
 * send buffer is not counted as the server's memory.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ViewerServer } from '../src/server/server.ts';

export interface FloodResult {
  rssBeforeMB: number;
  rssMaxMB: number;
  rssAfterMB: number;
  writtenMB: number;
  closedByServer: boolean;
  seconds: number;
}

const mb = (x: number): number => +(x / 1048576).toFixed(1);

export async function floodRss(server: ViewerServer, megabytes = 150): Promise<FloodResult> {
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 25);
  const child = spawn(process.execPath, [fileURLToPath(new URL('./flooder.mjs', import.meta.url)), String(server.port), String(megabytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b));
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 300));
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { writtenMB: number; closedByServer: boolean; seconds: number };
  return { rssBeforeMB: mb(rss0), rssMaxMB: mb(rssMax), rssAfterMB: mb(process.memoryUsage().rss), writtenMB: r.writtenMB, closedByServer: r.closedByServer, seconds: r.seconds };
}

function client(url: string): Promise<{ ws: WebSocket; texts: Array<{ type: string; [k: string]: unknown }> }> {
  const ws = new WebSocket(url);
  const texts: Array<{ type: string }> = [];
  ws.on('message', (d, bin) => {
    if (!bin) texts.push(JSON.parse(String(d)) as { type: string });
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, texts }));
    ws.once('error', reject);
  });
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface LatencyResult {
  pings: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** Runs held while the pings were timed (the skin patch and the last heavy start). */
  runsDuring: number;
  /** Worker threads alive while the pings were timed. */
  threadsDuring: number;
  heavyStarted: number;
}

/** Needs a server offering the registry's skin-patch. */
export async function pingUnderLoad(server: ViewerServer, seconds = 4): Promise<LatencyResult> {
  const runner = await client(server.wsUrl);
  let frames = 0;
  runner.ws.on('message', (_d, bin) => bin && frames++);
  runner.ws.send(JSON.stringify({ type: 'start', scenario: 'skin-patch', params: { gridWidth: 64, gridHeight: 64 }, pace: null }));
  await until(() => frames > 5, 60_000, 'the 64 x 64 skin patch streaming');
  const heavy = await client(server.wsUrl);
  const pinger = await client(server.wsUrl);
  const rtts: number[] = [];
  const sentAt = new Map<number, number>();
  pinger.ws.on('message', (d, bin) => {
    if (bin) return;
    const m = JSON.parse(String(d)) as { type: string; id?: number };
    if (m.type === 'pong' && m.id !== undefined && sentAt.has(m.id)) rtts.push(performance.now() - sentAt.get(m.id)!);
  });
  for (let i = 0; i < 5; i++) heavy.ws.send(JSON.stringify({ type: 'start', scenario: 'skin-patch', params: { gridWidth: 128, gridHeight: 128, durationS: 600 }, pace: null }));
  const t0 = performance.now();
  let id = 0;
  let runsDuring = 0;
  let threadsDuring = 0;
  while (performance.now() - t0 < seconds * 1000) {
    runsDuring = Math.max(runsDuring, server.runCount());
    threadsDuring = Math.max(threadsDuring, server.threadCount());
    sentAt.set(++id, performance.now());
    pinger.ws.send(JSON.stringify({ type: 'ping', id }));
    await new Promise((r) => setTimeout(r, 20));
  }
  await until(() => rtts.length >= id, 5000, 'every pong');
  const heavyStarted = heavy.texts.filter((m) => m.type === 'started').length;
  for (const c of [runner, heavy, pinger]) c.ws.close();
  const sorted = [...rtts].sort((a, b) => a - b);
  const q = (f: number): number => +sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))].toFixed(2);
  return { pings: rtts.length, medianMs: q(0.5), p99Ms: q(0.99), maxMs: +sorted[sorted.length - 1].toFixed(2), runsDuring, threadsDuring, heavyStarted };
}
