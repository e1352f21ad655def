/**
 * Bad stimulations and bad circuits get clear errors and change nothing:
 * every field checked (type, finite, range, population exists and has a
 * grid, stimulus named), a client's rate limited, the log capped, a circuit
 * sent by the page reported with the lines `memspike run` prints for the
 * same file, and `serve --circuit` refusing a bad file before it listens.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { prepareCircuit } from '../../src/circuit/load.ts';
import { liveCircuit } from '../../src/server/circuit-live.ts';
import type { RunInfo, ServerMessage } from '../../src/server/protocol.ts';
import { runCli } from '../helpers/cli.ts';
import { TestClient } from './client.ts';
import { LIGHT_MODULES } from './fixtures.ts';
import { smallPatch } from './patch.ts';

let server: ViewerServer;
const root = mkdtempSync(join(tmpdir(), 'memspike-stimerr-'));
beforeAll(async () => {
  server = await startServer({ port: 0, modules: LIGHT_MODULES, maxRuns: 6, serveViewer: false, spares: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

type Err = Extract<ServerMessage, { type: 'error' }>;
const reply = (m: ServerMessage) => m.type === 'error' || m.type === 'stimulation';
const good = { type: 'stimulate', kind: 'touch', population: 'skin', cx: 3, cy: 3, radius: 1, amplitudeV: 2, widthS: 0.5 };

describe('bad stimulations', () => {
  it('are refused field by field with the reason; a good one still goes through', async () => {
    const c = await TestClient.connect(server.wsUrl);
    expect((await c.request<Err>(good, reply)).code).toBe('no-run');
    c.send({ type: 'start-circuit', file: 'patch.json', text: JSON.stringify(smallPatch({ durationS: 30, extra: true })), pace: 0.1 });
    await c.waitFor((m) => m.type === 'started', 30_000);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ population: 'hand' }, 'bad-stimulation', /stimulation\.population: expected a population with a grid \("skin"\), got "hand"/],
      [{ population: 'relay' }, 'bad-stimulation', /got "relay" \(it has no grid\)/],
      [{ cx: 8 }, 'bad-stimulation', /stimulation\.cx: expected a finite number in \[0, 7\], got 8/],
      [{ cy: -1 }, 'bad-stimulation', /stimulation\.cy: expected a finite number in \[0, 7\], got -1/],
      [{ radius: 65 }, 'bad-stimulation', /stimulation\.radius: expected a finite number in \[0, 64\]/],
      [{ amplitudeV: 25 }, 'bad-stimulation', /stimulation\.amplitudeV: expected a finite number in \[-20, 20\], got 25/],
      [{ widthS: 0 }, 'bad-stimulation', /stimulation\.widthS: expected a finite number in \(0, 60\], got 0/],
      [{ kind: 'burn' }, 'bad-stimulation', /stimulation\.kind: expected one of "touch", "noxious", "amplitude", got "burn"/],
      [{ cx: 'a' }, 'bad-field', /field "cx" must be a finite number, got "a"/],
      [{ colour: 1 }, 'bad-field', /unknown field "colour" in stimulate/],
      [{ neurons: [1, 1] }, 'bad-stimulation', /give either "neurons" or "cx", "cy" and "radius"/],
      [{ cx: undefined, cy: undefined, radius: undefined, neurons: [1, 64] }, 'bad-stimulation', /stimulation\.neurons\.1: expected a distinct whole number in \[0, 63\], got 64/],
      [{ cx: 0.2, cy: 0.2, radius: 0.1 }, 'bad-stimulation', /covers no receptor of "skin"/],
      [{ kind: 'amplitude', population: undefined, cx: undefined, cy: undefined, radius: undefined, amplitudeV: undefined, widthS: undefined, stimulus: 'injury', factor: 1 }, 'bad-stimulation', /stimulation\.stimulus: expected the name of a stimulus of the circuit \("touch"\), got "injury"/],
      [{ kind: 'amplitude', population: undefined, cx: undefined, cy: undefined, radius: undefined, amplitudeV: undefined, widthS: undefined, stimulus: 'touch', factor: 11 }, 'bad-stimulation', /stimulation\.factor: expected a finite number in \[0, 10\], got 11/],
    ];
    for (const [patch, code, re] of cases) {
      const e = await c.request<Err>({ ...good, ...patch }, reply);
      expect(e.type, JSON.stringify(patch)).toBe('error');
      expect(e.code, JSON.stringify(patch)).toBe(code);
      expect(e.message).toMatch(re);
      await new Promise((r) => setTimeout(r, 110));
    }
    // A noxious pulse over the touch train (2 V from 3 s) would drive 9 V, beyond the device model: refused, the run goes on.
    const over = await c.request<Err>({ ...good, kind: 'noxious', amplitudeV: 7, widthS: 5 }, reply);
    expect(over.code).toBe('bad-stimulation');
    expect(over.message).toMatch(/this noxious pulse would drive receptors of "skin" at up to 9 \(the circuit's stimuli and the stimulations together\), which the model refuses: nociceptor: device component 1 does not follow first-order relaxation at 9 V/);
    await new Promise((r) => setTimeout(r, 110));
    const loud = await c.request<Err>({ type: 'stimulate', kind: 'amplitude', stimulus: 'touch', factor: 5 }, reply);
    expect(loud.message).toMatch(/"touch" x 5 would drive receptors of "skin" at up to 10 /);
    await new Promise((r) => setTimeout(r, 110));
    // JSON has no NaN; an overflowing literal parses to Infinity and is refused as not finite.
    const inf = await c.request<Err>(JSON.stringify(good).replace('"cx":3', '"cx":1e999'), reply);
    expect(inf.message).toMatch(/field "cx" must be a finite number, got number Infinity/);
    const ok = await c.request<Extract<ServerMessage, { type: 'stimulation' }>>(good, reply);
    expect(ok.type).toBe('stimulation');
    expect(ok.index).toBe(0);
    expect(ok.receptors).toBe(5);
    c.close();
  }, 60_000);

  it('are rate limited per client: a burst of 40 gets at most 20 through, the rest refused', async () => {
    const c = await TestClient.connect(server.wsUrl);
    c.send({ type: 'start-circuit', file: 'patch.json', text: JSON.stringify(smallPatch({ durationS: 30 })), pace: 0.1 });
    await c.waitFor((m) => m.type === 'started', 30_000);
    const from = c.messages.length;
    for (let k = 0; k < 40; k++) c.send(good);
    await c.until(() => c.messages.slice(from).filter(reply).length >= 40, 10_000, '40 replies');
    const got = c.messages.slice(from).filter(reply);
    const limited = got.filter((m) => m.type === 'error' && m.code === 'rate-limited');
    const applied = got.filter((m) => m.type === 'stimulation');
    expect(applied.length).toBeGreaterThanOrEqual(20);
    expect(applied.length).toBeLessThanOrEqual(22);
    expect(limited.length).toBe(40 - applied.length);
    expect((limited[0] as Err).message).toMatch(/at most 10 stimulations per second \(bursts of 20\)/);
    c.close();
  }, 60_000);

  it('the log is capped at 1000 entries per run', () => {
    const lc = prepareCircuit(smallPatch({ durationS: 30 }), 'patch.json');
    const sim = liveCircuit(lc);
    const req = { kind: 'touch', population: 'skin', cx: 3, cy: 3, radius: 1, amplitudeV: 2, widthS: 0.001 };
    for (let k = 0; k < 1000; k++) sim.interaction!.stimulate(req, k * 0.02);
    expect(sim.interaction!.log.length).toBe(1000);
    expect(() => sim.interaction!.stimulate(req, 25)).toThrow(/holds its limit of 1000 entries/);
  });

  it('a scenario run takes no stimulations', async () => {
    const c = await TestClient.connect(server.wsUrl);
    c.send({ type: 'start', scenario: 'synthetic-grid', params: { durationS: 30 }, pace: 0.1 });
    await c.waitFor((m) => m.type === 'started', 30_000);
    const e = await c.request<Err>(good, reply);
    expect(e.code).toBe('not-interactive');
    expect(e.message).toMatch(/takes no stimulations: circuit runs do/);
    c.close();
  }, 60_000);
});

describe('bad circuits', () => {
  it('sent by the page: the same lines as memspike run prints, and nothing runs', async () => {
    const bad = smallPatch();
    (bad.populations as Array<Record<string, unknown>>)[0].size = 'many';
    (bad.stimuli as Array<Record<string, unknown>>)[0].population = 'x'.repeat(500);
    const text = JSON.stringify(bad);
    writeFileSync(join(root, 'bad.json'), text);
    const cli = await runCli(['run', 'bad.json', '--out', 'o'], root);
    expect(cli.code).toBe(2);
    const lines = cli.stderr.trim().split('\n').map((l) => l.replace(/^memspike: error: /, ''));
    expect(lines[0]).toMatch(/^bad\.json: populations\.0\.size: .*expected number/);
    const c = await TestClient.connect(server.wsUrl);
    const e = await c.request<Err>({ type: 'start-circuit', file: 'bad.json', text }, (m) => m.type === 'error' || m.type === 'started', 30_000);
    expect(e.code).toBe('bad-circuit');
    expect(e.message.split('\n')).toEqual(lines.map((l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l)));
    const json = await c.request<Err>({ type: 'start-circuit', file: 'broken.json', text: '{"durationS": 1,' + 'y'.repeat(400) }, (m) => m.type === 'error', 30_000);
    expect(json.code).toBe('bad-circuit');
    expect(json.message).toMatch(/^broken\.json: not valid JSON \(/);
    expect(json.message.length).toBeLessThanOrEqual(203);
    const dev = smallPatch();
    (dev.populations as Array<Record<string, unknown>>)[0].device = '../../etc/secret.json';
    const d = await c.request<Err>({ type: 'start-circuit', file: 'dev.json', text: JSON.stringify(dev) }, (m) => m.type === 'error', 30_000);
    expect(d.message).toMatch(/dev\.json: populations\.0\.device: expected a registered device preset name; a circuit sent from the page may not name preset files/);
    const big = await c.request<Err>({ type: 'start-circuit', file: 'big.json', text: ' '.repeat(300 * 1024) }, (m) => m.type === 'error');
    expect(big.code).toBe('too-large');
    expect(c.messages.some((m) => m.type === 'started')).toBe(false);
    c.close();
  }, 60_000);

  it('a bad stimulation log: memspike run names the file, the entry and the field, exit 2, nothing written', async () => {
    writeFileSync(join(root, 'p.json'), JSON.stringify(smallPatch()));
    writeFileSync(join(root, 'bad-log.json'), JSON.stringify({ format: 'memspike-stimulation-log', version: 1, stimulations: [{ tS: 1, kind: 'touch', population: 'skin', cx: 1, cy: 1, radius: -1, amplitudeV: 2, widthS: 0.5 }] }));
    const r = await runCli(['run', 'p.json', '--stimulation', 'bad-log.json', '--out', 'never'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('memspike: error: bad-log.json: stimulations.0.radius: expected a finite number in [0, 64], got -1\n');
    expect(existsSync(join(root, 'never'))).toBe(false);
  }, 60_000);

  it('serve --circuit with a bad file: the errors of memspike run, exit 2, no server', async () => {
    const bad = smallPatch();
    (bad as Record<string, unknown>).durationS = -1;
    writeFileSync(join(root, 'bad2.json'), JSON.stringify(bad));
    const run = await runCli(['run', 'bad2.json'], root);
    const serve = await runCli(['serve', '--port', '0', '--circuit', 'bad2.json'], root);
    expect(serve.code).toBe(2);
    expect(serve.stdout).not.toMatch(/memspike viewer/);
    expect(serve.stderr).toBe(run.stderr);
    expect(serve.stderr).toMatch(/bad2\.json: durationS: .*expected number to be >0/);
  }, 60_000);
});
