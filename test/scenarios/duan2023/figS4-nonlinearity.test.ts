import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitNeuroSim, neuroSimLabel } from '../../../src/analysis/nonlinearity.ts';
import { runScenario } from '../../../src/harness/runner.ts';
import { figS4Nonlinearity } from '../../../scenarios/duan2023/figS4-nonlinearity.ts';
import type { ScenarioSummary } from '../../../src/harness/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-e6-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function neuroSimCurve(aPulses: number, pmax: number, gMin: number, gMax: number, kind: 'ltp' | 'ltd'): number[] {
  const b = (gMax - gMin) / (1 - Math.exp(-pmax / aPulses));
  return Array.from({ length: pmax + 1 }, (_, p) => (kind === 'ltp' ? gMin + b * (1 - Math.exp(-p / aPulses)) : gMax - b * (1 - Math.exp(-p / aPulses))));
}

describe('NeuroSim nonlinearity fit', () => {
  it('recovers A from exact curves of either kind and curvature', () => {
    for (const a of [3, 8, 20, 100, -10]) {
      const ltp = fitNeuroSim(neuroSimCurve(a, 25, 1e-9, 3e-9, 'ltp'), 'ltp');
      expect(ltp.aPulses / a).toBeCloseTo(1, 5);
      expect(ltp.r2).toBeGreaterThan(1 - 1e-12);
      expect(ltp.offsetS).toBeCloseTo(1e-9, 15);
      const ltd = fitNeuroSim(neuroSimCurve(a, 25, 1e-9, 3e-9, 'ltd'), 'ltd');
      expect(ltd.aPulses / a).toBeCloseTo(1, 5);
      expect(ltd.offsetS).toBeCloseTo(3e-9, 15);
      expect(Math.sign(ltd.label)).toBe(-Math.sign(ltp.label));
    }
    // A straight line: label 0.
    expect(Math.abs(fitNeuroSim([1, 2, 3, 4, 5, 6], 'ltp').label)).toBeLessThan(0.01);
  });

  it('maps A / Pmax to the label as NeuroSim tabulates it', () => {
    // Label, A / Pmax pairs from NeuroSim's nonlinearity table.
    const table: Array<[number, number]> = [[0.1, 12.6258], [1.51, 0.8195], [3.01, 0.3853], [4.51, 0.2266], [6.01, 0.1351], [7.51, 0.0702], [9, 0.0228]];
    for (const [label, a] of table) expect(Math.abs(neuroSimLabel(a) - label), `A/Pmax = ${a}`).toBeLessThan(0.01);
  });
});

describe('E6 figS4-nonlinearity', async () => {
  const out = await runScenario(figS4Nonlinearity, { outDir: root });
  const summary = JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')) as ScenarioSummary;
  // pulse, g_ltp_S, g_ltp_fit_S, g_ltd_S, g_ltd_fit_S
  const fit = readFileSync(join(out.dir, 'fit.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const metric = (name: string) => summary.metrics.find((m) => m.name === name)!;

  it('fits the last LTP and LTD branches of E4 with R^2 >= 0.95 and reports their labels', () => {
    expect(fit.length).toBe(26);
    for (const col of [1, 3]) {
      const y = fit.map((r) => r[col]);
      const f = fit.map((r) => r[col + 1]);
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      const r2 = 1 - y.reduce((a, v, k) => a + (v - f[k]) ** 2, 0) / y.reduce((a, v) => a + (v - mean) ** 2, 0);
      expect(r2).toBeGreaterThanOrEqual(0.95);
      expect(metric(col === 1 ? 'LTP fit R^2' : 'LTD fit R^2').simulated as number).toBeCloseTo(r2, 3);
    }
    const ltp = metric('LTP nonlinearity label (signed)').simulated as number;
    const ltd = metric('LTD nonlinearity label (signed)').simulated as number;
    // The claims: |NL| <= 3 (spec E6), their verdict computed from the labels.
    const cl = metric('LTP nonlinearity |NL| (NeuroSim label of the E4 curve)');
    expect(cl.kind).toBe('claim');
    expect(cl.pass).toBe(Math.abs(ltp) <= 3);
    expect(metric('LTD nonlinearity |NL| (NeuroSim label of the E4 curve)').pass).toBe(Math.abs(ltd) <= 3);
    expect(ltp).toBeGreaterThan(0);
    expect(ltd).toBeLessThan(0);
    expect(ltp).toBeCloseTo(neuroSimLabel((metric('LTP fit A').simulated as number) / 25), 1);
    for (const m of summary.metrics.filter((x) => x.kind === "claim")) expect(m.pass, m.name).toBe(true);
  });
});
