import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig4cdAmplitudeForgetting } from '../../../scenarios/duan2023/fig4cd-amplitude-forgetting.ts';
import { article } from '../../../src/devices/targets.ts';

describe('E10 amplitude-dependent forgetting (Fig. 4c,d)', () => {
  it('meets the article targets and writes byte-identical files on a rerun', async () => {
    const root = mkdtempSync(join(tmpdir(), 'memspike-e10-'));
    try {
      const a = await runScenario(fig4cdAmplitudeForgetting, { outDir: join(root, 'a') });
      const b = await runScenario(fig4cdAmplitudeForgetting, { outDir: join(root, 'b') });
      for (const t of article.forgettingTauS) {
        const m = a.summary.metrics.find((x) => x.name === `decay time constant at ${t.amplitudeV} V`);
        expect(m).toBeDefined();
        const tauMs = Number(m!.simulated);
        expect(Math.abs(tauMs - t.tauS * 1000)).toBeLessThanOrEqual(article.forgettingTauRelTol * t.tauS * 1000);
      }
      const ordering = (name: string): number[] => {
        const m = a.summary.metrics.find((x) => x.name === name);
        return String(m!.simulated).replace(' nA', '').split(' < ').map(Number);
      };
      for (const name of ['higher amplitude, higher peak current', 'higher amplitude, higher current after the rest']) {
        const xs = ordering(name);
        expect(xs).toHaveLength(3);
        expect(xs[1]).toBeGreaterThan(xs[0]);
        expect(xs[2]).toBeGreaterThan(xs[1]);
      }
      for (const m of a.summary.metrics.filter((x) => x.kind === "claim")) expect({ name: m.name, pass: m.pass }).toEqual({ name: m.name, pass: true });
      const files = readdirSync(a.dir).sort();
      expect(files).toEqual(expect.arrayContaining(['trace.csv', 'pulses.csv', 'decay.csv', 'summary.json', 'fig4c-current-vs-time.svg', 'fig4d-decay-fits.svg']));
      for (const f of files) expect(readFileSync(join(b.dir, f)).equals(readFileSync(join(a.dir, f)))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
