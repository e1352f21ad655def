import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/harness/params.ts';
import { runReflex, withdrawalReflex } from '../../../scenarios/circuits/withdrawal-reflex.ts';

describe('withdrawal-reflex circuit', () => {
  const params = resolveParams(withdrawalReflex.name, withdrawalReflex.params, {});

  it('the reflex is faster after injury than before', () => {
    const r = runReflex(params, 1);
    expect(Number.isFinite(r.beforeS)).toBe(true);
    expect(Number.isFinite(r.afterS)).toBe(true);
    expect(r.afterS).toBeLessThan(r.beforeS);
    // The latency includes the afferent conduction delay (10 ms) and one synaptic delay (1 ms).
    expect(r.afterS).toBeGreaterThan(0.011);
  });

  it('holds for other seeds (random initial receptor phases)', () => {
    for (const seed of [2, 3]) {
      const r = runReflex(params, seed);
      expect(r.afterS).toBeLessThan(r.beforeS);
    }
  });

  it('without an injury the second test is not faster by more than the phase jitter', () => {
    const noInjury = resolveParams(withdrawalReflex.name, withdrawalReflex.params, { injuryV: 0.1 });
    const r = runReflex(noInjury, 1);
    const injured = runReflex(params, 1);
    expect(r.beforeS - r.afterS).toBeLessThan(injured.beforeS - injured.afterS);
  });
});
