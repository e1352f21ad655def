/** Polls the page's stats until a condition holds, with a clear error naming what was awaited. */
import type { Page } from 'playwright-core';

export async function pollStats<S>(page: Page, cond: (s: S) => boolean, what: string, timeoutMs: number): Promise<S> {
  const t0 = Date.now();
  for (;;) {
    const s = (await page.evaluate(() => (window as unknown as { memspikeViewer: { stats(): unknown } }).memspikeViewer.stats())) as S;
    if (cond(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not reached in ${timeoutMs} ms; page stats ${JSON.stringify(s)}`);
    await page.waitForTimeout(50);
  }
}
