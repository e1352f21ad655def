import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../../src/harness/runner.ts';
import { patternLearning } from '../../../scenarios/masquelier2008/pattern-learning.ts';

/**
 * Shortened runs (30 s of simulated time instead of 150 s) on the full
 * device, volatile conductance included.
 */
async function shortRun(dir: string, sets: Record<string, number | boolean | string> = {}) {
  return runScenario(patternLearning, { outDir: dir, seed: 1, sets: { durationS: 30, ...sets } });
}

function metric(out: Awaited<ReturnType<typeof shortRun>>, name: string): number {
  const m = out.summary.metrics.find((x) => x.name.startsWith(name));
  if (!m) throw new Error(`no metric ${name}`);
  return Number(m.simulated);
}

const rowsOf = (dir: string): number[][] =>
  readFileSync(join(dir, 'pattern-learning', 'learning.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));

describe('pattern-learning scenario', () => {
  it('learns the pattern on a short run with the full device, and the same seed gives byte-identical files', async () => {
    const a = mkdtempSync(join(tmpdir(), 'memspike-pl-a-'));
    const b = mkdtempSync(join(tmpdir(), 'memspike-pl-b-'));
    try {
      const outA = await shortRun(a);
      const outB = await shortRun(b);
      const csv = (dir: string, f: string): string => readFileSync(join(dir, 'pattern-learning', f), 'utf8');
      // learning: the pattern is caught, noise rarely triggers the neuron, pattern afferents end stronger
      expect(metric(outA, 'hit rate, last tenth')).toBeGreaterThanOrEqual(90);
      expect(metric(outA, 'false alarms, last tenth')).toBeLessThanOrEqual(1);
      expect(metric(outA, 'mean weight, pattern / noise-only')).toBeGreaterThan(1.3);
      // the device facilitates: one potentiating event adds far more at once than it leaves
      expect(metric(outA, 'device facilitation after one potentiating event')).toBeGreaterThan(0.1);
      expect(metric(outA, 'threshold adaptation per postsynaptic spike')).toBeGreaterThan(0);
      // the learning curve: the second half has fewer false alarms per second than the first tenth
      const rows = rowsOf(a);
      expect(rows).toHaveLength(10);
      const lateFa = rows.slice(5).reduce((s, r) => s + r[5], 0) / rows.slice(5).reduce((s, r) => s + r[6], 0);
      expect(rows[0][7]).toBeGreaterThan(0);
      expect(lateFa).toBeLessThanOrEqual(0.5 * rows[0][7]);
      // the pattern is found earlier as it is learnt: mean latency of the last tenth under 80 % of the first tenth with hits
      const withHits = rows.filter((r) => r[3] > 0);
      expect(withHits.length).toBeGreaterThanOrEqual(2);
      expect(withHits[withHits.length - 1][8]).toBeLessThan(0.8 * withHits[0][8]);
      expect(outA.summary.deviceOverrides ?? []).toEqual([]);
      for (const f of ['summary.json', 'weights.csv', 'spikes.csv', 'learning.csv', 'stdp-window.csv', 'raster-end.svg']) {
        expect(csv(a, f)).toBe(csv(b, f));
      }
      expect(outB.figures).toContain('stdp-window.svg');
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  }, 60000);

  it('without the threshold adaptation the device-facilitated neuron does not learn the pattern; the control synapses do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memspike-pl-d-'));
    try {
      const out = await shortRun(dir, { adaptation: 0 });
      expect(metric(out, 'threshold adaptation per postsynaptic spike')).toBe(0);
      // With the five-component device the unadapted neuron loses the pattern
      // (hit rate in the last tenth near 0; 92 % with the adaptation, 30 s run).
      expect(metric(out, 'hit rate, last tenth')).toBeLessThan(50);
      // the control synapses (no volatile conductance) learn with the same neuron
      expect(metric(out, 'control without volatile conductance: hit rate')).toBeGreaterThanOrEqual(90);
      expect(metric(out, 'control without volatile conductance: false alarms')).toBeLessThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('rejects a bad parameter with a one-line message naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memspike-pl-c-'));
    try {
      await expect(runScenario(patternLearning, { outDir: dir, sets: { rule: 'hebb' } })).rejects.toThrow(/parameter "rule": expected one of/);
      await expect(runScenario(patternLearning, { outDir: dir, sets: { adaptation: -1 } })).rejects.toThrow(/adaptation/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
