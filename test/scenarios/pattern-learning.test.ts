import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/scenario/runner.ts';
import { patternLearning } from '../../scenarios/pattern-learning.ts';

/**
 * A shortened run (30 s of simulated time instead of 150 s) on synapses
 * without the volatile part of the device conductance, the configuration
 * that learns on every seed tried (the full device learns on some seeds only).
 */
async function shortRun(dir: string) {
  return runScenario(patternLearning, { outDir: dir, seed: 1, sets: { durationS: 30, volatile: false } });
}

function metric(out: Awaited<ReturnType<typeof shortRun>>, name: string): number {
  const m = out.summary.metrics.find((x) => x.name.startsWith(name));
  if (!m) throw new Error(`no metric ${name}`);
  return Number(m.simulated);
}

describe('pattern-learning scenario', () => {
  it('learns the pattern on a short run, and the same seed gives byte-identical files', async () => {
    const a = mkdtempSync(join(tmpdir(), 'memspike-pl-a-'));
    const b = mkdtempSync(join(tmpdir(), 'memspike-pl-b-'));
    try {
      const outA = await shortRun(a);
      const outB = await shortRun(b);
      const csv = (dir: string, f: string): string => readFileSync(join(dir, 'pattern-learning', f), 'utf8');
      // learning: the pattern is caught, noise rarely triggers the neuron, pattern afferents end stronger
      expect(metric(outA, 'hit rate, last tenth')).toBeGreaterThanOrEqual(80);
      expect(metric(outA, 'false alarms, last tenth')).toBeLessThanOrEqual(3);
      expect(metric(outA, 'mean weight, pattern / noise-only')).toBeGreaterThan(1.3);
      // the learning curve: later tenths catch more than the first, with fewer false alarms per second
      const rows = csv(a, 'learning.csv').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
      expect(rows).toHaveLength(10);
      const lateFa = rows.slice(5).reduce((s, r) => s + r[5], 0) / rows.slice(5).reduce((s, r) => s + r[6], 0);
      expect(lateFa).toBeLessThanOrEqual(0.5 * rows[0][7]);
      expect(rows[0][7]).toBeGreaterThan(0);
      expect(outA.summary.deviceOverrides?.map((o) => o.key)).toEqual(['fast.weightS', 'medium.weightS']);
      for (const f of ['summary.json', 'weights.csv', 'spikes.csv', 'learning.csv', 'stdp-window.csv', 'raster-end.svg']) {
        expect(csv(a, f)).toBe(csv(b, f));
      }
      expect(outB.figures).toContain('stdp-window.svg');
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  }, 60000);

  it('rejects a bad parameter with a one-line message naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memspike-pl-c-'));
    try {
      await expect(runScenario(patternLearning, { outDir: dir, sets: { rule: 'hebb' } })).rejects.toThrow(/parameter "rule": expected one of/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
