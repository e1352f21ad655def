/**
 * End-to-end: the viewer page in headless Chromium (Debian's /usr/bin/chromium)
 * against a real server: scenario start, spikes and traces drawn, pause holds
 * the simulated clock, resume continues, reset clears, a refusal and a lost
 * server are shown. Writes a screenshot to test-artifacts/viewer.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { LIGHT_MODULES } from '../server/fixtures.ts';
import { pollStats } from './poll.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve('test-artifacts');

interface Stats {
  connection: string;
  state: string | null;
  scenario: string | null;
  simTimeS: number;
  batches: number;
  spikesHeld: number;
  spikesDrawn: number;
  samplesHeld: number;
  samplesSkipped: number;
  tracePoints: number;
  statesHeld: number;
  bandSegments: number;
  notice: string | null;
}

let server: ViewerServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const pageErrors: string[] = [];

const stats = (): Promise<Stats> => page.evaluate(() => (window as unknown as { memspikeViewer: { stats(): Stats } }).memspikeViewer.stats());
const until = (cond: (s: Stats) => boolean, what: string, timeoutMs = 20_000): Promise<Stats> => pollStats<Stats>(page, cond, what, timeoutMs);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser test needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  server = await startServer({ port: 0, modules: LIGHT_MODULES, defaultScenario: 'synthetic-grid', maxRuns: 1, spares: 1 });
  profile = mkdtempSync(join(tmpdir(), 'memspike-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Anything the page's CSP blocks (an inline style, a foreign script) is recorded here.
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

const cspViolations = (): Promise<string[]> => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('viewer in a browser', () => {
  it('runs a scenario, draws spikes and traces, pauses, resumes, resets', async () => {
    const response = await page.goto(server.url);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self'; style-src 'self'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await until((s) => s.connection === 'open', 'connected');
    expect(await page.locator('#scenario').inputValue()).toBe('synthetic-grid');
    const options = await page.locator('#scenario option').allTextContents();
    expect(options.length).toBe(4);
    // d3 came from the server, not the network.
    expect(await page.evaluate(() => typeof (window as unknown as { d3?: { version: string } }).d3?.version)).toBe('string');

    await page.locator('#pace').selectOption('5');
    await page.locator('#start').click();
    // 256 cells at 20 Hz and 5x real time: about 25600 spikes per wall second.
    const s1 = await until(
      (s) => s.spikesHeld > 10_000 && s.spikesDrawn > 0 && s.tracePoints > 20 && s.statesHeld > 0 && s.bandSegments > 0,
      'spikes, traces and state changes received and drawn',
    );
    expect(s1.scenario).toBe('synthetic-grid');
    expect(s1.spikesDrawn).toBeLessThanOrEqual(s1.spikesHeld);
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'viewer.png');
    await page.screenshot({ path: shot });
    process.stdout.write(`viewer screenshot: ${shot}\n`);

    await page.locator('#pause').click();
    const p = await until((s) => s.state === 'paused', 'paused');
    // Everything the server produced up to the pause has arrived: nothing dropped.
    const run = server.runStats()[0];
    expect(p.spikesHeld).toBe(run.spikesSent);
    await page.waitForTimeout(1000);
    const p2 = await stats();
    expect(p2.simTimeS).toBe(p.simTimeS);
    expect(p2.spikesHeld).toBe(p.spikesHeld);

    await page.locator('#step').click();
    await until((s) => Math.abs(s.simTimeS - (p.simTimeS + 0.05)) < 1e-9, 'step by 50 ms');

    await page.locator('#resume').click();
    await until((s) => s.state === 'running' && s.simTimeS > p.simTimeS + 0.5, 'running again');

    await page.locator('#reset').click();
    const r = await until((s) => s.state === 'ready', 'reset');
    expect(r.simTimeS).toBe(0);
    expect(r.spikesHeld).toBe(0);
    expect(r.samplesHeld).toBe(0);
    expect(r.statesHeld).toBe(0);
    // The page works under its CSP: legends drawn with their colours, nothing blocked.
    const swatch = await page.locator('#state-legend .legend-item i').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(swatch).toMatch(/^rgb/);
    expect(swatch).not.toBe('rgba(0, 0, 0, 0)');
    expect(await cspViolations()).toEqual([]);
  });

  it('shows device currents with the threshold line', async () => {
    await page.locator('#scenario').selectOption('test-device-pair');
    await page.locator('#pace').selectOption('max');
    await page.locator('#start').click();
    const s = await until((x) => x.state === 'done', 'device run done', 15_000);
    expect(s.scenario).toBe('test-device-pair');
    // 2 devices x (current + voltage) sampled every 10 ms over 20.25 s: 4 x 2026 samples,
    // all received unless a lagging page made the server thin them (then the batches say how many).
    expect(s.samplesHeld + s.samplesSkipped).toBe(4 * 2026);
    expect(s.samplesHeld).toBeGreaterThan(1000);
    expect(s.tracePoints).toBeGreaterThan(100);
    const thresholds = await page.locator('svg#traces line.threshold:not([display="none"])').count();
    expect(thresholds).toBe(1);
    expect(await page.locator('text.threshold-label').first().textContent()).toBe('threshold 80');
  });

  it('shows a refusal past the run cap and a lost server', async () => {
    const other = await context.newPage();
    const third = await context.newPage();
    for (const pg of [other, third]) {
      await pg.goto(server.url);
      await pg.waitForFunction(() => (window as unknown as { memspikeViewer: { stats(): Stats } }).memspikeViewer.stats().connection === 'open');
      await pg.locator('#start').click();
    }
    // The first page's run has ended and freed its slot: `other` gets the one run allowed, the third page is refused.
    await third.waitForFunction(() => /Refused: .*limit of 1 concurrent runs/.test((window as unknown as { memspikeViewer: { stats(): Stats } }).memspikeViewer.stats().notice ?? ''));
    expect(await third.locator('#notice').isVisible()).toBe(true);
    await other.close();
    await third.close();
    await server.close();
    await until((x) => x.connection === 'closed' && /server is gone/.test(x.notice ?? ''), 'server gone notice');
    expect(pageErrors).toEqual([]);
    expect(await cspViolations()).toEqual([]);
  });
});
