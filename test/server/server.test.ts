import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { MAX_CLIENT_MESSAGE_BYTES, type RunInfo, type ServerMessage, type StatusMessage } from '../../src/server/protocol.ts';
import { resolveParams } from '../../src/harness/params.ts';
import { syntheticGridScenario } from '../../src/server/synthetic.ts';
import { TestClient } from './client.ts';
import { ALL_MODULES, registryLive } from './fixtures.ts';

const MAX_RUNS = 8;
let server: ViewerServer;

beforeAll(async () => {
  server = await startServer({ port: 0, modules: ALL_MODULES, maxRuns: MAX_RUNS, serveViewer: false, spares: 0 });
});
afterAll(async () => {
  await server.close();
});

const isError = (code: string) => (m: ServerMessage) => m.type === 'error' && m.code === code;
const isStatus = (state: string) => (m: ServerMessage) => m.type === 'status' && m.state === state;

/** The synthetic grid run directly on its kernel, to compare the stream with. */
function reference(params: Record<string, number>, seed: number, untilS: number) {
  const sim = syntheticGridScenario.live!(resolveParams('synthetic-grid', syntheticGridScenario.params, params), seed);
  const t: number[] = [];
  const n: number[] = [];
  let states = 0;
  sim.attach({ spike: (ts, i) => (t.push(ts), n.push(i)), sample() {}, stateChange: () => states++ });
  sim.kernel.run(untilS);
  return { t, n, states };
}

describe('viewer server protocol', () => {
  it('welcomes with the live scenarios and their parameters', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const w = c.messages[0];
    expect(w.type).toBe('welcome');
    if (w.type !== 'welcome') return;
    expect(w.protocol).toBe(1);
    expect(w.scenarios.map((s) => s.name).sort()).toEqual([...registryLive.map((s) => s.name), 'synthetic-grid', 'test-device-pair', 'test-failing', 'test-memory-hog'].sort());
    expect(w.scenarios.find((s) => s.name === 'synthetic-grid')!.params.map((p) => p.key)).toEqual(['side', 'rateHz', 'durationS', 'sampleIntervalS']);
    expect(w.limits.maxRuns).toBe(MAX_RUNS);
    c.close();
  });

  it('streams every spike and state change of a run, in kernel order, identical to a direct run', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const params = { side: 8, rateHz: 50, durationS: 3 };
    c.send({ type: 'start', scenario: 'synthetic-grid', params, seed: 7, pace: null });
    const started = await c.waitFor<{ type: 'started'; run: RunInfo }>((m) => m.type === 'started');
    expect(started.run.neurons).toBe(64);
    expect(started.run.grid).toEqual({ width: 8, height: 8 });
    expect(started.run.stateNames).toEqual(['normal', 'allodynia', 'hyperalgesia']);
    await c.waitFor(isStatus('done'), 10_000);
    const ref = reference(params, 7, 3);
    // ~64 cells x 50 Hz x 3 s = 9600 spikes expected; the stream must hold all of them.
    expect(ref.t.length).toBeGreaterThan(8000);
    const t: number[] = [];
    const n: number[] = [];
    for (const b of c.batches) for (let i = 0; i < b.spikeT.length; i++) (t.push(b.spikeT[i]), n.push(b.spikeNeuron[i]));
    expect(t).toEqual(ref.t);
    expect(n).toEqual(ref.n);
    expect(c.states).toBe(ref.states);
    expect(c.lastSimTimeS).toBe(3);
    // Batch sequence numbers are consecutive: nothing lost on the way.
    c.batches.forEach((b, i) => expect(b.seq).toBe(i));
    c.close();
  });

  it('pause holds the simulated clock, resume continues, step advances by dtS, reset rewinds', async () => {
    const c = await TestClient.connect(server.wsUrl);
    c.send({ type: 'start', scenario: 'synthetic-grid', params: { side: 4, rateHz: 10 }, pace: 1 });
    await c.until(() => c.lastSimTimeS > 0.1, 5000, 'sim time > 0.1 s');
    const paused = await c.request<StatusMessage>({ type: 'pause' }, isStatus('paused'));
    const nBatches = c.batches.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(c.batches.length).toBe(nBatches);
    const again = await c.request<StatusMessage>({ type: 'ping', id: 3 }, (m) => m.type === 'pong');
    expect(again).toEqual({ type: 'pong', id: 3 });
    const stepped = await c.request<StatusMessage>({ type: 'step', dtS: 0.05 }, isStatus('paused'));
    expect(stepped.simTimeS).toBeCloseTo(paused.simTimeS + 0.05, 12);
    expect(c.lastSimTimeS).toBeCloseTo(paused.simTimeS + 0.05, 12);
    await c.request({ type: 'resume' }, isStatus('running'));
    await c.until(() => c.lastSimTimeS > stepped.simTimeS + 0.1, 5000, 'sim time moving after resume');
    // Pace 1: simulated time keeps close to wall time (within a few batches).
    const from = c.messages.length;
    c.send({ type: 'reset' });
    const re = await c.waitFor<{ type: 'started'; run: RunInfo }>((m) => m.type === 'started', 5000, from);
    expect(re.run.scenario).toBe('synthetic-grid');
    const st = await c.waitFor<StatusMessage>(isStatus('ready'), 5000, from);
    expect(st.simTimeS).toBe(0);
    expect(st.events).toBe(0);
    const stopped = await c.request({ type: 'stop' }, (m) => m.type === 'stopped');
    expect(stopped.type).toBe('stopped');
    expect((await c.request({ type: 'pause' }, (m) => m.type === 'error')) as unknown).toMatchObject({ code: 'no-run' });
    c.close();
  });

  it('answers each kind of bad message with an error naming the problem and keeps serving', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const cases: Array<[unknown, string, RegExp]> = [
      ['{"type": "start", ', 'malformed-json', /not valid JSON/],
      ['[1,2]', 'not-an-object', /JSON object/],
      [{ type: 'launch' }, 'unknown-type', /unknown message type "launch"/],
      [{ type: 7 }, 'bad-field', /"type" must be a string/],
      [{ type: 'start', scenario: 5 }, 'bad-field', /"scenario"/],
      [{ type: 'start', scenario: 'synthetic-grid', params: [1] }, 'bad-field', /"params"/],
      [{ type: 'start', scenario: 'synthetic-grid', params: { side: { x: 1 } } }, 'bad-field', /"params.side"/],
      [{ type: 'start', scenario: 'synthetic-grid', seed: -1 }, 'bad-field', /"seed"/],
      [{ type: 'step', dtS: 'x' }, 'bad-field', /"dtS"/],
      [{ type: 'pace', pace: -2 }, 'bad-field', /"pace"/],
      [{ type: 'pace' }, 'bad-field', /"pace" is required/],
      [{ type: 'start', scenario: 'nope' }, 'unknown-scenario', /no live scenario "nope"/],
      [{ type: 'start', scenario: 'synthetic-grid', params: { side: 1000 } }, 'bad-params', /parameter "side": must be <= 256/],
      [{ type: 'start', scenario: 'synthetic-grid', params: { colour: 1 } }, 'bad-params', /has no parameter "colour"/],
      [{ type: 'resume' }, 'no-run', /send "start" first/],
      [JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }), 'too-large', /exceeds the limit of 65536 bytes/],
    ];
    for (const [msg, code, text] of cases) {
      const reply = await c.request<Extract<ServerMessage, { type: 'error' }>>(msg, (m) => m.type === 'error');
      expect(reply.code, JSON.stringify(msg).slice(0, 80)).toBe(code);
      expect(reply.message).toMatch(text);
    }
    const from = c.messages.length;
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.waitFor((m) => m.type === 'error', 5000, from)).toMatchObject({ code: 'binary-not-accepted' });
    // The same connection still works, and so does a new one.
    expect(c.closed).toBe(false);
    c.send({ type: 'start', scenario: 'test-device-pair', pace: null, params: { pulses: 3 } });
    await c.waitFor(isStatus('done'), 10_000);
    expect(c.samples).toBeGreaterThan(100);
    const d = await TestClient.connect(server.wsUrl);
    d.send({ type: 'start', scenario: 'synthetic-grid', pace: null, params: { durationS: 0.5 } });
    await d.waitFor(isStatus('done'), 10_000);
    expect(d.spikes).toBeGreaterThan(1000);
    c.close();
    d.close();
  });

  it('streams every live scenario of the registry', async () => {
    const c = await TestClient.connect(server.wsUrl);
    for (const s of registryLive) {
      const from = c.messages.length;
      const b0 = c.batches.length;
      c.send({ type: 'start', scenario: s.name, pace: null });
      const started = await c.waitFor<{ type: 'started'; run: RunInfo }>((m) => m.type === 'started' || m.type === 'error', 30_000, from);
      expect(started.type, `${s.name}: ${JSON.stringify(started)}`).toBe('started');
      await c.until(() => c.batches.length > b0 && c.lastSimTimeS > 0, 30_000, `${s.name} streaming`);
      const kinds = started.run.probes.length + started.run.neurons;
      expect(kinds, `${s.name} has probes or neurons`).toBeGreaterThan(0);
      // A short run may finish before the stop arrives: then there is no run to stop.
      await c.request({ type: 'stop' }, (m) => m.type === 'stopped' || (m.type === 'error' && (m as { code?: string }).code === 'no-run'));
    }
    c.close();
  }, 300_000);

  it('ends a run whose simulation throws with an error reply, and keeps serving', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const err = await c.request<Extract<ServerMessage, { type: 'error' }>>({ type: 'start', scenario: 'test-failing', pace: null }, (m) => m.type === 'error');
    expect(err.code).toBe('internal');
    expect(err.message).toMatch(/scenario "test-failing" failed at t=0.5 s: device state became NaN/);
    expect(await c.request({ type: 'ping', id: 1 }, (m) => m.type === 'pong')).toEqual({ type: 'pong', id: 1 });
    c.send({ type: 'start', scenario: 'synthetic-grid', pace: null, params: { durationS: 0.2 } });
    await c.waitFor(isStatus('done'), 10_000);
    c.close();
  });

  it('closes a connection whose frame exceeds the socket limit (1009) and keeps serving others', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const code = new Promise<number>((resolve) => c.ws.once('close', (k: number) => resolve(k)));
    c.send('x'.repeat(2 * 1024 * 1024));
    expect(await code).toBe(1009);
    const d = await TestClient.connect(server.wsUrl);
    expect(await d.request({ type: 'ping', id: 9 }, (m) => m.type === 'pong')).toEqual({ type: 'pong', id: 9 });
    d.close();
  });

  it('frees the run of a client that vanishes mid-run', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const before = server.runCount();
    const c = await TestClient.connect(server.wsUrl);
    c.send({ type: 'start', scenario: 'synthetic-grid', pace: 1 });
    await c.until(() => c.batches.length > 2, 5000, 'batches');
    expect(server.runCount()).toBe(before + 1);
    c.ws.terminate();
    const t0 = Date.now();
    while (server.runCount() !== before && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(server.runCount()).toBe(before);
  });

  it(`runs ${MAX_RUNS} clients at once within the cap and refuses one more`, async () => {
    const t0 = Date.now();
    while (server.runCount() > 0 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(server.runCount()).toBe(0);
    const clients = await Promise.all(Array.from({ length: MAX_RUNS }, () => TestClient.connect(server.wsUrl)));
    clients.forEach((c, i) => c.send({ type: 'start', scenario: 'synthetic-grid', seed: i + 1, pace: 2, params: { side: 8 } }));
    for (const c of clients) await c.until(() => c.lastSimTimeS > 0.3, 10_000, 'every client advancing');
    expect(server.runCount()).toBe(MAX_RUNS);
    const extra = await TestClient.connect(server.wsUrl);
    const refusal = await extra.request<Extract<ServerMessage, { type: 'error' }>>({ type: 'start', scenario: 'synthetic-grid' }, (m) => m.type === 'error');
    expect(refusal.code).toBe('capacity');
    expect(refusal.message).toMatch(/limit of 8 concurrent runs/);
    // Different seeds give different streams.
    expect(clients[0].batches[1].spikeT).not.toEqual(clients[1].batches[1].spikeT);
    await clients[0].request({ type: 'stop' }, (m) => m.type === 'stopped');
    const got = await extra.request({ type: "start", scenario: "synthetic-grid" }, (m) => m.type === "started" || m.type === "error");
    expect(got).toMatchObject({ type: "started" });
    for (const c of [...clients, extra]) c.close();
  });

  it('a client that stops reading slows its run instead of losing spikes, with bounded buffers', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const params = { side: 32, rateHz: 200, durationS: 4 };
    c.send({ type: 'start', scenario: 'synthetic-grid', params, seed: 3, pace: null });
    await c.waitFor((m) => m.type === 'started');
    // Stop reading from the socket: the kernel's buffers, then the server's, fill up.
    (c.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    await new Promise((r) => setTimeout(r, 1500));
    const first = server.runStats().find((s) => s.state === "running")!.simTimeS;
    await new Promise((r) => setTimeout(r, 500));
    const stalled = server.runStats().find((s) => s.state === "running");
    expect(stalled!.simTimeS).toBe(first);
    expect(stalled).toBeDefined();
    // ~204800 spikes/s: an unthrottled run would be done in well under 1.5 s.
    expect(stalled!.simTimeS).toBeLessThan(4);
    expect(stalled!.bufferedBytes).toBeLessThan(8 * 1024 * 1024);
    expect(stalled!.pendingKept).toBeLessThanOrEqual((1 << 18) + 4096);
    (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await c.waitFor(isStatus('done'), 30_000);
    const ref = reference(params, 3, 4);
    expect(c.spikes).toBe(ref.t.length);
    c.close();
  });
});
