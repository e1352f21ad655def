import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { figS2PulseWidth } from '../../../scenarios/duan2023/figS2-pulse-width.ts';
import type { ScenarioSummary } from '../../../src/harness/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-e5-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('E5 figS2-pulse-width', async () => {
  const out = await runScenario(figS2PulseWidth, { outDir: root });
  const summary = JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')) as ScenarioSummary;
  // width_s, pulse, g_read_S
  const g = readFileSync(join(out.dir, 'conductance.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));

  it('potentiation after 25 pulses grows with the pulse width 20 -> 80 ms', () => {
    const widths = [0.02, 0.04, 0.06, 0.08];
    expect(g.length).toBe(4 * 26);
    const ratio = widths.map((w) => {
      const r = g.filter((x) => x[0] === w);
      expect(r.length).toBe(26);
      for (let k = 1; k < r.length; k++) expect(r[k][2]).toBeGreaterThan(r[k - 1][2]);
      return r[25][2] / r[0][2];
    });
    for (let k = 1; k < ratio.length; k++) expect(ratio[k]).toBeGreaterThan(ratio[k - 1]);
    // Each width starts on a fresh device: the first reads coincide.
    expect(new Set(widths.map((w) => g.find((x) => x[0] === w)![2])).size).toBe(1);
    for (const m of summary.metrics.filter((x) => x.kind === "claim")) expect(m.pass, m.name).toBe(true);
    ratio.forEach((r, k) => expect(summary.metrics[k + 1].simulated as number).toBeCloseTo(r, 2));
  });
});
