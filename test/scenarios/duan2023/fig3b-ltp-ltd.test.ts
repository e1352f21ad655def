import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig3bLtpLtd } from '../../../scenarios/duan2023/fig3b-ltp-ltd.ts';
import type { ScenarioSummary } from '../../../src/harness/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-e4-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function rows(path: string): number[][] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
}
function relStd(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) / m;
}

describe('E4 fig3b-ltp-ltd', async () => {
  const out = await runScenario(fig3bLtpLtd, { outDir: join(root, 'a') });
  const summary = JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')) as ScenarioSummary;
  // pulse, cycle, branch, t_read_s, g_read_S
  const g = rows(join(out.dir, 'conductance.csv'));
  const metric = (prefix: string) => summary.metrics.find((m) => m.name.startsWith(prefix))!;

  it('reads once before and once after each of 5 x 50 pulses, at the end of each 50 ms interval', () => {
    expect(g.length).toBe(251);
    expect(g[0][3]).toBeCloseTo(0.05, 12);
    for (let j = 1; j < g.length; j++) expect(g[j][3]).toBeCloseTo(0.05 + j * 0.1, 9);
    expect(rows(join(out.dir, 'pulses.csv')).length).toBe(250);
  });

  it('LTP rises with every +3 V pulse and LTD falls with every -3 V pulse, in every cycle', () => {
    for (let j = 1; j < g.length; j++) {
      if (g[j][2] === 1) expect(g[j][4], `pulse ${j}`).toBeGreaterThan(g[j - 1][4]);
      else expect(g[j][4], `pulse ${j}`).toBeLessThan(g[j - 1][4]);
    }
    expect(metric('LTP rises').pass).toBe(true);
    // LTD is judged against the read-bias control, not by its steps (the read bias alone also falls).
    const ltd = metric('LTD: fall over');
    expect(ltd.kind === 'claim' && ltd.basis).toBeTruthy();
    expect(ltd.pass).toBe((ltd.simulated as number) >= 1.5);
    expect(summary.metrics.some((m) => m.name.startsWith('LTD falls'))).toBe(false);
  });

  it('reports cycle spread and dynamic range recomputed from conductance.csv; pass follows the 5 % bound', () => {
    const gMax = [2, 3, 4, 5].map((c) => g[(c - 1) * 50 + 25][4]);
    const gMin = [2, 3, 4, 5].map((c) => g[c * 50][4]);
    const sMax = metric('cycle-to-cycle spread of Gmax');
    const sMin = metric('cycle-to-cycle spread of Gmin');
    expect(sMax.simulated as number).toBeCloseTo(relStd(gMax) * 100, 1);
    expect(sMin.simulated as number).toBeCloseTo(relStd(gMin) * 100, 1);
    expect(sMax.pass).toBe(relStd(gMax) <= 0.05);
    expect(sMin.pass).toBe(relStd(gMin) <= 0.05);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(metric('dynamic range').simulated as number).toBeCloseTo(mean(gMax) / mean(gMin), 2);
    expect(mean(gMax) / mean(gMin)).toBeGreaterThan(1);
  });

  it('is deterministic, and seeded cycle-to-cycle variation changes the run only through the seed', async () => {
    const again = await runScenario(fig3bLtpLtd, { outDir: join(root, 'b') });
    for (const f of readdirSync(out.dir)) expect(readFileSync(join(again.dir, f)).equals(readFileSync(join(out.dir, f))), f).toBe(true);
    const v1 = await runScenario(fig3bLtpLtd, { outDir: join(root, 'v1'), seed: 3, sets: ['variationPct=10', 'cycles=3'] });
    const v1b = await runScenario(fig3bLtpLtd, { outDir: join(root, 'v1b'), seed: 3, sets: ['variationPct=10', 'cycles=3'] });
    const v2 = await runScenario(fig3bLtpLtd, { outDir: join(root, 'v2'), seed: 4, sets: ['variationPct=10', 'cycles=3'] });
    const read = (d: string) => readFileSync(join(d, 'conductance.csv'), 'utf8');
    expect(read(v1.dir)).toBe(read(v1b.dir));
    expect(read(v1.dir)).not.toBe(read(v2.dir));
  });
});
