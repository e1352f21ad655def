/**
 * Live viewer stream: sustained events per second from the server to one
 * browser-less client that decodes every batch, and the server's memory while
 * a client stops reading (the run must stall, not buffer without bound).
 * Load source: the synthetic Poisson receptor grid (src/server/synthetic.ts).
 */
import WebSocket from 'ws';
import { startServer, type ViewerServer } from '../src/server/server.ts';
import { decodeBatch, type ServerMessage } from '../src/server/protocol.ts';
import { REGISTRY_MODULE, SYNTHETIC_MODULE } from '../src/server/modules.ts';
import { floodRss, pingUnderLoad } from './server-load.ts';
import type { BenchModule, BenchResult } from './types.ts';

interface Client {
  ws: WebSocket;
  spikes: number;
  bytes: number;
  done: Promise<void>;
}

function connect(server: ViewerServer): Promise<Client> {
  const ws = new WebSocket(server.wsUrl);
  const c = { ws, spikes: 0, bytes: 0 } as Client;
  c.done = new Promise<void>((resolve) => {
    ws.on('message', (data, isBinary) => {
      const buf = data as Buffer;
      c.bytes += buf.length;
      if (isBinary) c.spikes += decodeBatch(buf).spikeT.length;
      else {
        const m = JSON.parse(buf.toString('utf8')) as ServerMessage;
        if (m.type === 'status' && m.state === 'done') resolve();
      }
    });
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(c));
    ws.once('error', reject);
  });
}

async function sustained(server: ViewerServer): Promise<BenchResult[]> {
  const c = await connect(server);
  const params = { side: 32, rateHz: 100, durationS: 20, sampleIntervalS: 0.001 };
  const t0 = performance.now();
  c.ws.send(JSON.stringify({ type: 'start', scenario: 'synthetic-grid', params, seed: 1, pace: null }));
  await c.done;
  const wallS = (performance.now() - t0) / 1000;
  c.ws.close();
  // Events: every spike is one kernel event, plus one sample event per sample interval.
  const events = c.spikes + params.durationS / params.sampleIntervalS;
  const detail = { cells: 1024, rateHz: params.rateHz, simS: params.durationS, spikes: c.spikes, wallS: +wallS.toFixed(2) };
  return [
    { name: 'stream/events-per-s', value: events / wallS, unit: 'events/s', detail },
    { name: 'stream/spikes-per-s', value: c.spikes / wallS, unit: 'spikes/s', detail },
    { name: 'stream/bytes-per-s', value: c.bytes / wallS, unit: 'B/s', detail: { MB: +(c.bytes / 1e6).toFixed(1) } },
  ];
}

async function slowClient(server: ViewerServer): Promise<BenchResult[]> {
  const c = await connect(server);
  const socket = (c.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  c.ws.send(JSON.stringify({ type: 'start', scenario: 'synthetic-grid', params: { side: 32, rateHz: 200, durationS: 30 }, seed: 2, pace: null }));
  await new Promise((r) => setTimeout(r, 200));
  socket.pause();
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  let bufferedMax = 0;
  let pendingMax = 0;
  const t0 = performance.now();
  let simAt1s = NaN;
  while (performance.now() - t0 < 5000) {
    await new Promise((r) => setTimeout(r, 50));
    const s = server.runStats()[0];
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    bufferedMax = Math.max(bufferedMax, s.bufferedBytes);
    pendingMax = Math.max(pendingMax, s.pendingKept);
    if (Number.isNaN(simAt1s) && performance.now() - t0 >= 1000) simAt1s = s.simTimeS;
  }
  const simAt5s = server.runStats()[0].simTimeS;
  socket.resume();
  await c.done;
  c.ws.close();
  return [
    { name: 'stream/slow-client-rss-growth', value: (rssMax - rss0) / 1e6, unit: 'MB', detail: { lagS: 5, rssMB: +(rssMax / 1e6).toFixed(0) } },
    { name: 'stream/slow-client-buffered-max', value: bufferedMax / 1e6, unit: 'MB', detail: { pendingSpikesMax: pendingMax } },
    { name: 'stream/slow-client-sim-advance-1-5s', value: simAt5s - simAt1s, unit: 's', detail: { simAt1s: +simAt1s.toFixed(3) } },
  ];
}

/** A third client's ping round trip while one runs a 64 x 64 skin patch flat out and another starts five heavy runs. */
async function latency(): Promise<BenchResult[]> {
  const server = await startServer({ port: 0, modules: [REGISTRY_MODULE], serveViewer: false });
  try {
    await new Promise((r) => setTimeout(r, 3000)); // spare threads warm
    const r = await pingUnderLoad(server, 8);
    const detail = { pings: r.pings, runs: r.runsDuring, threads: r.threadsDuring };
    return [
      { name: 'stream/ping-under-load-p50', value: r.medianMs, unit: 'ms', detail },
      { name: 'stream/ping-under-load-p99', value: r.p99Ms, unit: 'ms', detail },
      { name: 'stream/ping-under-load-max', value: r.maxMs, unit: 'ms', detail },
    ];
  } finally {
    await server.close();
  }
}

/** Server RSS before and after a client that never reads floods it with 150 MB of pings. */
async function flood(): Promise<BenchResult[]> {
  const server = await startServer({ port: 0, modules: [SYNTHETIC_MODULE], serveViewer: false, spares: 0 });
  try {
    const r = await floodRss(server, 150);
    const detail = { acceptedMB: r.writtenMB, closed: r.closedByServer ? "by the server" : "no", s: r.seconds };
    return [
      { name: 'stream/flood-rss-before', value: r.rssBeforeMB, unit: 'MB', detail },
      { name: 'stream/flood-rss-max', value: r.rssMaxMB, unit: 'MB', detail },
      { name: 'stream/flood-rss-after', value: r.rssAfterMB, unit: 'MB', detail },
    ];
  } finally {
    await server.close();
  }
}

export const streamBench: BenchModule = {
  name: 'stream',
  description: 'viewer WebSocket stream: sustained events/s to one client; server memory while a client lags or floods; ping latency under load',
  async run() {
    const server = await startServer({ port: 0, modules: [SYNTHETIC_MODULE], serveViewer: false });
    try {
      return [...(await sustained(server)), ...(await slowClient(server)), ...(await latency()), ...(await flood())];
    } finally {
      await server.close();
    }
  },
};
