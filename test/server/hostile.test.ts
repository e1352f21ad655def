/**
 * The live server under hostile or careless clients, with a real server and
 * real sockets: foreign Origin and Host refused, connection cap and idle
 * timeout, finished runs free their slot, runs over their memory stopped
 * alone, work over budget refused, error replies quoting little input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import type { ServerMessage } from '../../src/server/protocol.ts';
import { TestClient } from './client.ts';
import { ALL_MODULES } from './fixtures.ts';

const RUNS = 32;
let server: ViewerServer;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    modules: ALL_MODULES,
    maxRuns: RUNS,
    maxConnections: 40,
    serveViewer: false,
    spares: 0,
    runMemoryMb: 96,
    allowOrigins: ['http://trusted.example:3000'],
    limits: { idleTimeoutMs: 1500 },
  });
});
afterAll(async () => {
  await server.close();
});

type Opened = { ok: true; ws: WebSocket } | { ok: false; status: number; body: string };

function open(headers: Record<string, string>): Promise<Opened> {
  return new Promise((resolve) => {
    const ws = new WebSocket(server.wsUrl, { headers });
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b));
      res.on('end', () => resolve({ ok: false, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => {});
  });
}

function get(path: string, host: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const isError = (m: ServerMessage) => m.type === 'error';

describe('origin and host checks', () => {
  it('refuses a foreign Origin, Origin null and a foreign Host; accepts the page and --allow-origin origins', async () => {
    const own = `127.0.0.1:${server.port}`;
    for (const headers of <Record<string, string>[]>[{ origin: 'http://evil.example' }, { origin: 'null' }, { origin: `http://127.0.0.1:${server.port + 1}` }, { host: `evil.example:${server.port}` }, { host: `rebind.example:${server.port}`, origin: `http://rebind.example:${server.port}` }]) {
      const r = await open(headers);
      expect(r.ok, JSON.stringify(headers)).toBe(false);
      if (!r.ok) expect(r.status).toBe(403);
    }
    for (const headers of <Record<string, string>[]>[{}, { origin: `http://${own}` }, { origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` }, { origin: 'http://trusted.example:3000' }]) {
      const r = await open(headers);
      expect(r.ok, JSON.stringify(headers)).toBe(true);
      if (r.ok) r.ws.close();
    }
    // The page (here its 404) refuses a foreign Host too, and carries the security headers.
    expect((await get('/', `evil.example:${server.port}`)).status).toBe(403);
    const page = await get('/', own);
    expect(page.status).toBe(404);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('connections and slots', () => {
  it('closes a connection that starts no run within the idle timeout (4000)', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code: number) => resolve(code)));
    const t0 = Date.now();
    expect(await closed).toBe(4000);
    expect(Date.now() - t0).toBeGreaterThan(1000);
  });

  it(`gives the 33rd client a run after ${RUNS} finished runs, which keep their data`, async () => {
    const clients: TestClient[] = [];
    for (let i = 0; i < RUNS; i++) {
      const c = await TestClient.connect(server.wsUrl);
      c.send({ type: 'start', scenario: 'synthetic-grid', seed: i + 1, pace: null, params: { side: 2, durationS: 0.05 } });
      await c.waitFor((m) => m.type === 'status' && m.state === 'done', 20_000);
      clients.push(c);
    }
    expect(server.runCount()).toBe(0);
    expect(clients.every((c) => c.spikes > 0 && !c.closed)).toBe(true);
    const last = await TestClient.connect(server.wsUrl);
    const reply = await last.request({ type: 'start', scenario: 'synthetic-grid', pace: null, params: { side: 2, durationS: 0.05 } }, (m) => m.type === 'started' || isError(m), 20_000);
    expect(reply.type).toBe('started');
    // A finished run can be started again at t = 0 with reset, paused.
    const again = await clients[0].request({ type: 'reset' }, (m) => m.type === 'started' || isError(m), 20_000);
    expect(again.type).toBe('started');
    for (const c of [...clients, last]) c.close();
  });

  it('refuses connections past the cap with 503', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const held = await Promise.all(Array.from({ length: 40 - server.connectionCount() }, () => TestClient.connect(server.wsUrl)));
    const r = await open({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toBe(503);
    for (const c of held) c.close();
    const t0 = Date.now();
    while (server.connectionCount() > 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(server.connectionCount()).toBe(0);
  });
});

describe('runs over their limits', () => {
  it('stops a run over its memory (heap, then typed arrays) with an error; other clients and the server go on', async () => {
    const other = await TestClient.connect(server.wsUrl);
    other.send({ type: 'start', scenario: 'synthetic-grid', pace: 1, params: { side: 4 } });
    for (const heap of [true, false]) {
      const c = await TestClient.connect(server.wsUrl);
      const err = await c.request<Extract<ServerMessage, { type: 'error' }>>({ type: 'start', scenario: 'test-memory-hog', pace: null, params: { heap } }, isError, 60_000);
      expect(err.code).toBe('run-limit');
      expect(err.message).toMatch(heap ? /exceeded its memory limit of 96 MB/ : /over its limit of 128 MB/);
      expect(await c.request({ type: 'ping', id: 5 }, (m) => m.type === 'pong')).toEqual({ type: 'pong', id: 5 });
      c.close();
    }
    const b0 = other.batches.length;
    await other.until(() => other.batches.length > b0 + 3, 10_000, 'the other run still streaming');
    expect(await other.request({ type: 'ping', id: 6 }, (m) => m.type === 'pong')).toEqual({ type: 'pong', id: 6 });
    other.close();
  });

  it('refuses a run whose estimate exceeds the budget, naming estimate and budget', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const params = { gridWidth: 128, gridHeight: 128, durationS: 7200, recoveryS: 1e6 };
    const err = await c.request<Extract<ServerMessage, { type: 'error' }>>({ type: 'start', scenario: 'skin-patch', params }, isError);
    expect(err.code).toBe('budget');
    expect(err.message).toMatch(/scenario "skin-patch" would need .* memory \(budget 134 MB\); estimate: .* events, .* memory/);
    expect(server.runCount()).toBe(0);
    c.close();
  });

  it('quotes at most 200 characters of any input in error replies', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const long = 'x'.repeat(60_000);
    const bad: unknown[] = [
      { type: long },
      { type: 'start', scenario: long },
      { type: 'start', scenario: 'synthetic-grid', params: { [long]: 1 } },
      { type: 'start', scenario: 'synthetic-grid', params: { side: long } },
      { type: 'start', scenario: 'synthetic-grid', seed: long },
      `{"type": "ping", "id": ${long}`,
    ];
    for (const msg of bad) {
      const err = await c.request<Extract<ServerMessage, { type: 'error' }>>(msg, isError);
      expect(err.message.length, err.message.slice(0, 80)).toBeLessThan(600);
      expect(err.message).not.toMatch(/x{201}/);
    }
    c.close();
  });
});
