/**
 * Screenshot of the live viewer running a scenario, for the docs:
 *   npx tsx viewer/screenshot.ts SCENARIO OUT.png [PACE|max] [WAIT_MS] [WINDOW_LOG10_S]
 * Runs the server on a free loopback port and headless Chromium (/usr/bin/chromium
 * or $CHROMIUM_PATH) with a throw-away profile; prints what the page holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server/server.ts';
import { REGISTRY_MODULE, SYNTHETIC_MODULE } from '../src/server/modules.ts';

const [name, out, pace = '1', wait = '4000', windowLog10] = process.argv.slice(2);
if (!name || !out) {
  process.stderr.write('usage: npx tsx viewer/screenshot.ts SCENARIO OUT.png [PACE|max] [WAIT_MS] [WINDOW_LOG10_S]\n');
  process.exit(2);
}
const server = await startServer({ port: 0, modules: [REGISTRY_MODULE, SYNTHETIC_MODULE], defaultScenario: name });
const profile = mkdtempSync(join(tmpdir(), 'memspike-shot-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  await page.goto(server.url);
  await page.waitForFunction(() => (window as unknown as { memspikeViewer: { stats(): { connection: string } } }).memspikeViewer.stats().connection === 'open');
  await page.locator('#pace').selectOption(pace);
  if (windowLog10) await page.locator('#window').fill(windowLog10);
  await page.locator('#start').click();
  await page.waitForTimeout(Number(wait));
  await page.screenshot({ path: out });
  const stats = await page.evaluate(() => (window as unknown as { memspikeViewer: { stats(): unknown } }).memspikeViewer.stats());
  process.stdout.write(`${out}: ${JSON.stringify(stats)}\n`);
} finally {
  await ctx.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
