import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { fig4abLearningForgetting } from '../../../scenarios/duan2023/fig4ab-learning-forgetting.ts';
import { article } from '../../../src/devices/targets.ts';

describe('E9 learning-forgetting (Fig. 4a,b)', () => {
  it('meets the article targets and writes byte-identical files on a rerun', async () => {
    const root = mkdtempSync(join(tmpdir(), 'memspike-e9-'));
    try {
      const a = await runScenario(fig4abLearningForgetting, { outDir: join(root, 'a') });
      const b = await runScenario(fig4abLearningForgetting, { outDir: join(root, 'b') });
      const metric = (name: string) => {
        const m = a.summary.metrics.find((x) => x.name.startsWith(name));
        if (!m) throw new Error(`no metric ${name}`);
        return m;
      };
      const relearn = Number(metric('relearning').simulated);
      expect(Math.abs(relearn - article.relearningPulses)).toBeLessThanOrEqual(article.relearningTolerancePulses);
      const increases = String(metric('increase after cycle 3').simulated).replace(' nA', '').split(' < ').map(Number);
      expect(increases).toHaveLength(3);
      expect(increases[1]).toBeGreaterThan(increases[0]);
      expect(increases[2]).toBeGreaterThan(increases[1]);
      for (const m of a.summary.metrics.filter((x) => x.kind === "claim")) expect({ name: m.name, pass: m.pass }).toEqual({ name: m.name, pass: true });
      const files = readdirSync(a.dir).sort();
      expect(files).toEqual(expect.arrayContaining(['trace.csv', 'pulses.csv', 'summary.json', 'fig4a-learning-forgetting.svg', 'fig4b-relearning.svg']));
      expect(readdirSync(b.dir).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(b.dir, f)).equals(readFileSync(join(a.dir, f)))).toBe(true);
      // The trace shows 3 x 25 pulses at 4 V.
      const pulses = readFileSync(join(a.dir, 'pulses.csv'), 'utf8').trim().split('\n');
      expect(pulses.length - 1).toBe(75);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
