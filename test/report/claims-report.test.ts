import { describe, expect, it } from 'vitest';
import { atLeast, atMost, figure, holds, withinAbsolute, withinRelative } from '../../src/harness/metrics.ts';
import { countClaims, headline, splitByExperiment } from '../../src/report/claims-summary.ts';
import { renderReport } from '../../src/report/report.ts';
import type { ScenarioSummary } from '../../src/harness/types.ts';

const summary = (experiment: string, metrics: ScenarioSummary['metrics']): ScenarioSummary => ({
  scenario: `s-${experiment}`, experiment, figure: 'Fig. x', title: 't', seed: 1, params: {}, metrics,
});

describe('claim rows', () => {
  it('compute PASS/MISS from the numbers, never from finiteness', () => {
    expect(withinRelative({ id: 'E10.tau-4V', name: 'tau' }, 540, 590, 0.1).pass).toBe(true);
    expect(withinRelative({ id: 'E10.tau-4V', name: 'tau' }, 540, 600, 0.1).pass).toBe(false);
    expect(withinRelative({ id: 'E10.tau-4V', name: 'tau' }, 540, NaN, 0.1).pass).toBe(false);
    expect(withinAbsolute({ id: 'E9.relearning', name: 'r' }, 13, 15, 2).pass).toBe(true);
    expect(withinAbsolute({ id: 'E9.relearning', name: 'r' }, 13, 16, 2).pass).toBe(false);
    expect(atLeast({ id: 'E4.ltd-depression', name: 'ltd' }, 1.5, 1.49, 1.5).pass).toBe(false);
    expect(atMost({ id: 'E6.ltp-nonlinearity', name: 'nl' }, 3, NaN, 3).pass).toBe(false);
  });
  it('take the article words and panel from the catalogue, and the basis from the objective', () => {
    const c = withinRelative({ id: 'E10.tau-4V', name: 'tau', unit: 'ms' }, 540, 545, 0.1);
    expect(c).toMatchObject({ kind: 'claim', panel: 'Fig. 4c,d', basis: 'fitted', unit: 'ms' });
    expect(holds({ id: 'E1.analog', name: 'analog' }, 'x', true).basis).toBe('predicted');
    expect(() => holds({ id: 'nowhere', name: 'x' }, 'x', true)).toThrow(/needs its own "says" and "panel"/);
  });
  it('figures have no verdict', () => {
    const f = figure('loop area', 'nW', 3);
    expect(f.kind).toBe('figure');
    expect('pass' in f).toBe(false);
  });
});

describe('report headline and split', () => {
  const a = summary('E10', [
    withinRelative({ id: 'E10.tau-4V', name: 'tau 4' }, 540, 545, 0.1),
    withinRelative({ id: 'E10.tau-5V', name: 'tau 5' }, 826, 500, 0.1),
    figure('R^2', '', 0.99),
  ]);
  const b = summary('E1', [holds({ id: 'E1.analog', name: 'analog' }, 'yes', true), figure('area', 'nW', 1)]);
  it('counts claims only, fitted and predicted apart', () => {
    const c = countClaims([...a.metrics, ...b.metrics]);
    expect(c).toEqual({ claims: 3, fitted: 2, predicted: 1, hold: 2, miss: 1, figures: 2 });
    expect(headline(c)).toBe('3 claims: 2 fitted, 1 predicted; 2 hold, 1 miss');
    expect(splitByExperiment([a, b])).toEqual([
      { experiment: 'E10', fittedHold: 1, fitted: 2, predictedHold: 0, predicted: 0, figures: 1 },
      { experiment: 'E1', fittedHold: 0, fitted: 0, predictedHold: 1, predicted: 1, figures: 1 },
    ]);
  });
  it('names every miss with its figure panel in the report', () => {
    const md = renderReport([{ summary: a, figures: [] }, { summary: b, figures: [] }], { title: 'T', seed: 1, command: 'c' });
    expect(md).toContain('**3 claims: 2 fitted, 1 predicted; 2 hold, 1 miss.**');
    expect(md).toContain('- E10 (Fig. 4c,d) tau 5: simulated 500, article 826, tolerance ±10 % [fitted]');
    expect(md).toContain('| E10 | 1 / 2 | 0 / 0 | 1 |');
    // Figures sit in their own table, without PASS/MISS.
    const figs = md.slice(md.indexOf('## Figures'), md.indexOf('## ', md.indexOf('## Figures') + 3));
    expect(figs).toContain('| E10 | s-E10 | R^2 | 0.99 |  |');
    expect(figs).not.toMatch(/PASS|MISS/);
  });
});
