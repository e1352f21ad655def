/**
 * Live stimulation over the real WebSocket: a circuit sent as a file's text
 * runs in a worker thread; two stimulations (a noxious spot, the touch
 * stimulus scaled) enter the run; the page's exports (spikes.csv through the
 * page's own RunData, the log through its own writer) replayed with
 * `memspike run --stimulation` give the same spikes.csv, byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { stimulationLogJson, type StimulationEntry } from '../../src/server/interaction.ts';
import type { RunInfo, ServerMessage } from '../../src/server/protocol.ts';
import { RunData } from '../../viewer/data.ts';
import { REPO, runCli } from '../helpers/cli.ts';
import { TestClient } from './client.ts';
import { LIGHT_MODULES } from './fixtures.ts';
import { inSpot, smallPatch } from './patch.ts';

let server: ViewerServer;
const root = mkdtempSync(join(tmpdir(), 'memspike-stim-'));
beforeAll(async () => {
  server = await startServer({ port: 0, modules: LIGHT_MODULES, maxRuns: 2, serveViewer: false, spares: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const isStatus = (state: string) => (m: ServerMessage) => m.type === 'status' && m.state === state;
type Stim = Extract<ServerMessage, { type: 'stimulation' }>;

describe('live stimulation and replay', () => {
  it('a live run with two stimulations replays byte for byte with memspike run --stimulation', async () => {
    const c = await TestClient.connect(server.wsUrl);
    const text = JSON.stringify(smallPatch(), null, 2);
    c.send({ type: 'start-circuit', file: 'small-patch.json', text, seed: 5, pace: null, paused: true });
    const started = await c.waitFor<{ type: 'started'; run: RunInfo }>((m) => m.type === 'started', 30_000);
    expect(started.run.interaction?.grids).toEqual([{ name: 'skin', width: 8, height: 8, offset: 0 }]);
    expect(started.run.interaction?.stimuli).toEqual(['touch']);
    const data = new RunData();
    data.reset(started.run);
    // Step to 0.503 s, then a noxious spot: it starts at the next free 10 ms step after the present time.
    c.send({ type: 'step', dtS: 0.503 });
    await c.waitFor(isStatus('paused'), 10_000);
    const s1 = await c.request<Stim>({ type: 'stimulate', kind: 'noxious', population: 'skin', cx: 2, cy: 2, radius: 1.5, amplitudeV: 7, widthS: 0.5 }, (m) => m.type === 'stimulation' || m.type === 'error');
    expect(s1.type, JSON.stringify(s1)).toBe('stimulation');
    expect(s1.entry.tS).toBeCloseTo(0.51, 12);
    expect(s1.receptors).toBe(9);
    c.send({ type: 'step', dtS: 1.5 });
    await c.until(() => c.messages.filter(isStatus('paused')).length >= 2, 10_000, 'second pause');
    const s2 = await c.request<Stim>({ type: 'stimulate', kind: 'amplitude', stimulus: 'touch', factor: 1.5 }, (m) => m.type === 'stimulation' || m.type === 'error');
    expect(s2.type, JSON.stringify(s2)).toBe('stimulation');
    expect(s2.entry.tS).toBeGreaterThan(2);
    expect(s2.index).toBe(1);
    c.send({ type: 'resume' });
    await c.waitFor(isStatus('done'), 30_000);
    for (const b of c.batches) data.append(b);
    c.close();

    // Numbers: before the touch train (3 s) only the spot fires, every receptor in it.
    const spot = inSpot(2, 2, 1.5);
    const early = new Map<number, number>();
    for (let k = 0; k < data.spikes.n; k++) if (data.spikes.t[k] < 3) early.set(data.spikes.v[k], (early.get(data.spikes.v[k]) ?? 0) + 1);
    expect([...early.keys()].every((g) => spot.has(g))).toBe(true);
    expect([...spot].every((g) => (early.get(g) ?? 0) >= 3)).toBe(true);

    const entries = [s1.entry, s2.entry] as StimulationEntry[];
    writeFileSync(join(root, 'small-patch.json'), text);
    writeFileSync(join(root, 'log.json'), stimulationLogJson('small-patch', 5, entries));
    const r = await runCli(['run', 'small-patch.json', '--seed', '5', '--stimulation', 'log.json', '--out', 'out'], root);
    expect(r.code, r.stderr).toBe(0);
    const replayed = readFileSync(join(root, 'out', 'small-patch', 'spikes.csv'), 'utf8');
    const live = data.spikesCSV();
    expect(live.split('\n').length).toBeGreaterThan(100);
    expect(replayed === live).toBe(true);
    // Without the log the spot stays silent: the stimulations made those spikes.
    const plain = await runCli(['run', 'small-patch.json', '--seed', '5', '--out', 'plain'], root);
    expect(plain.code, plain.stderr).toBe(0);
    const plainRows = readFileSync(join(root, 'plain', 'small-patch', 'spikes.csv'), 'utf8').trim().split('\n').slice(1);
    expect(plainRows.filter((l) => Number(l.split(',')[0]) < 3).length).toBe(0);
    expect(plainRows.length).toBeLessThan(live.trim().split('\n').length - 1);
  }, 120_000);
});

describe('memspike serve --circuit', () => {
  it('offers the circuit under its name, preselected; it runs live and takes stimulations', async () => {
    writeFileSync(join(root, 'served.json'), JSON.stringify({ ...smallPatch({ durationS: 20 }), name: 'served-patch' }));
    let stop: (s: NodeJS.Signals) => void = () => {};
    let out = '';
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(REPO, 'bin/memspike.js'), 'serve', '--port', '0', '--circuit', 'served.json'], { cwd: root });
    stop = (s) => child.kill(s);
    child.stdout.on('data', (b) => (out += b));
    const t0 = Date.now();
    while (!/memspike viewer: (http:\S+)/.test(out)) {
      if (Date.now() - t0 > 60_000) throw new Error(`serve did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    try {
      const url = /memspike viewer: http:\/\/(\S+?)\//.exec(out)![1];
      const c = await TestClient.connect(`ws://${url}/ws`);
      const w = c.messages[0] as Extract<ServerMessage, { type: 'welcome' }>;
      expect(w.defaultScenario).toBe('served-patch');
      expect(w.scenarios[0]).toMatchObject({ name: 'served-patch', group: 'circuit', params: [] });
      c.send({ type: 'start', scenario: 'served-patch', pace: 0.5 });
      const st = await c.waitFor<{ type: 'started'; run: RunInfo }>((m) => m.type === 'started', 30_000);
      expect(st.run.seed).toBe(5);
      expect(st.run.interaction?.circuit).toBe('served-patch');
      const s = await c.request<Stim>({ type: 'stimulate', kind: 'touch', population: 'skin', neurons: [0, 9], amplitudeV: 2, widthS: 0.5 }, (m) => m.type === 'stimulation' || m.type === 'error');
      expect(s.type, JSON.stringify(s)).toBe('stimulation');
      expect(s.receptors).toBe(2);
      c.close();
    } finally {
      stop('SIGINT');
    }
  }, 90_000);
});
