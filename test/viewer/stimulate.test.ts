/**
 * End-to-end live stimulation in headless Chromium against a real server:
 * a small skin patch opened with the page's file picker runs live; a click
 * and a drag on the map apply noxious pulses; the receptors in the spots fire
 * and far-away ones do not (before the circuit's own touch at 8 s); the
 * page's exports (spikes.csv, the stimulation log) replayed with `memspike
 * run --stimulation` give the same spikes.csv, byte for byte.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { LIGHT_MODULES } from '../server/fixtures.ts';
import { pollStats } from './poll.ts';
import { smallPatch } from '../server/patch.ts';
import { runCli } from '../helpers/cli.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve('test-artifacts');
interface Stats { connection: string; state: string | null; simTimeS: number; stimulations: number; notice: string | null; scenario: string | null }
type Viewer = { memspikeViewer: { stats(): Stats; cellCentre(x: number, y: number): [number, number] } };

let server: ViewerServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const root = mkdtempSync(join(tmpdir(), 'memspike-e2e-stim-'));
const pageErrors: string[] = [];

const stats = (): Promise<Stats> => page.evaluate(() => (window as unknown as Viewer).memspikeViewer.stats());
const until = (cond: (s: Stats) => boolean, what: string, timeoutMs = 30_000): Promise<Stats> => pollStats<Stats>(page, cond, what, timeoutMs);
const centre = (x: number, y: number): Promise<[number, number]> => page.evaluate(([a, b]) => (window as unknown as Viewer).memspikeViewer.cellCentre(a, b), [x, y] as const);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser test needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  server = await startServer({ port: 0, modules: LIGHT_MODULES, maxRuns: 1, spares: 1 });
  profile = mkdtempSync(join(tmpdir(), 'memspike-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

async function download(button: string, file: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  await d.saveAs(join(root, file));
  return readFileSync(join(root, file), 'utf8');
}

describe('live stimulation in the browser', () => {
  it('click and drag on the map: the spots fire, far receptors do not; the exports replay byte for byte', async () => {
    await page.goto(server.url);
    await until((s) => s.connection === 'open', 'connected');
    const circuit = join(root, 'small-patch.json');
    writeFileSync(circuit, JSON.stringify(smallPatch({ durationS: 10, touchStartS: 8 }), null, 2));
    await page.locator('#pace').selectOption('1');
    await page.locator('#circuit-file').setInputFiles(circuit);
    await until((s) => s.scenario === 'small-patch' && s.state === 'running' && s.simTimeS > 0.2, 'circuit running');
    expect(await page.locator('#stimulate').isVisible()).toBe(true);
    await page.locator('#stim-kind').selectOption('noxious');
    expect(await page.locator('#stim-amplitude').inputValue()).toBe('7');
    await page.locator('#stim-width').fill('0.5');
    // A click on cell (2, 2) ...
    const [x, y] = await centre(2, 2);
    await page.mouse.click(x, y);
    await until((s) => s.stimulations === 1, 'click logged');
    // ... and a drag along row 6 from x = 5 to x = 7.
    const [ax, ay] = await centre(5, 6);
    const [bx] = await centre(7, 6);
    await page.mouse.move(ax, ay);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) {
      await page.waitForTimeout(60);
      await page.mouse.move(ax + ((bx - ax) * k) / 8, ay);
    }
    await page.mouse.up();
    // One stimulation per cell entered (throttled to one per 120 ms): 2 or 3 for the drag.
    await until((q) => q.stimulations >= 3, 'drag logged');
    await page.waitForTimeout(300);
    const s = await stats();
    expect(s.stimulations).toBeLessThanOrEqual(4);
    await page.locator('#pace').selectOption('max');
    await until((q) => q.state === 'done', 'run done', 60_000);

    const spikes = await download('#export-spikes', 'live-spikes.csv');
    const log = JSON.parse(await download('#export-stimulation', 'log.json')) as { seed: number; stimulations: Array<{ tS: number; cx: number; cy: number; radius: number; kind: string }> };
    expect(log.stimulations.length).toBe(s.stimulations);
    expect(log.stimulations[0]).toMatchObject({ kind: 'noxious', cx: 2, cy: 2, radius: 1.5, amplitudeV: 7, widthS: 0.5 });
    expect(log.stimulations.slice(1).every((e) => e.cy === 6 && e.cx >= 5 && e.cx <= 7)).toBe(true);
    const counts = new Float64Array(64);
    for (const line of spikes.trim().split('\n').slice(1)) {
      const [t, g] = line.split(',').map(Number);
      if (t < 8) counts[g]++;
    }
    const dist = (g: number, e: { cx: number; cy: number }) => Math.hypot((g % 8) - e.cx, Math.floor(g / 8) - e.cy);
    const first = log.stimulations[0];
    const inFirst = [...counts.keys()].filter((g) => dist(g, first) <= 1.5);
    const far = [...counts.keys()].filter((g) => log.stimulations.every((e) => dist(g, e) > 3));
    expect(inFirst.length).toBe(9);
    expect(far.length).toBeGreaterThanOrEqual(10);
    process.stdout.write(`spikes before 8 s: ${inFirst.map((g) => counts[g]).join(' ')} in the clicked spot; ${far.reduce((a, g) => a + counts[g], 0)} in ${far.length} far receptors\n`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-stimulate.png') });
    for (const g of inFirst) expect(counts[g], `receptor ${g}`).toBeGreaterThanOrEqual(3);
    for (const g of far) expect(counts[g], `receptor ${g}`).toBe(0);

    const r = await runCli(['run', 'small-patch.json', '--seed', String(log.seed), '--stimulation', 'log.json', '--out', 'out'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'out', 'small-patch', 'spikes.csv'), 'utf8') === spikes).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
