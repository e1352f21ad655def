import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../src/devices/registry.ts';
import { ClippedWeights, MemristiveWeights, PlasticityEngine, allToAll } from '../../src/plasticity/index.ts';
import { coincidenceRule } from './fixtures/my-rule.ts';

describe('a rule defined outside src/', () => {
  const rule = coincidenceRule.compile({ a: 0.01, tauS: 0.02, costPerPreSpike: 0.001 });
  const pre = [0.1, 0.13, 0.4];
  const post = [0.11, 0.12, 0.5];
  // closed form: a * sum over all pairs of exp(-|dt| / tau), minus the cost of each presynaptic spike
  let expected = -0.001 * pre.length;
  for (const tp of pre) for (const tq of post) expected += 0.01 * Math.exp(-Math.abs(tq - tp) / 0.02);

  const drive = (eng: PlasticityEngine): void => {
    const ev = [...pre.map((t) => [t, 0]), ...post.map((t) => [t, 1])].sort((a, b) => a[0] - b[0]);
    for (const [t, side] of ev) if (side === 0) eng.preSpike(0, t);
    else eng.postSpike(0, t);
  };

  it('runs through PlasticityEngine and matches its closed form on plain weights', () => {
    const w = new ClippedWeights(1, 0, -1, 1);
    drive(new PlasticityEngine(rule, allToAll(1, 1), w));
    expect(w.w[0]).toBeCloseTo(expected, 12);
  });

  it('programs a memristor by pulses: the device moves the way the rule asks', () => {
    const device = compileDevice('mose2');
    const syn = new MemristiveWeights({
      device,
      synapses: 1,
      potentiation: { amplitudeV: 4, widthS: 0.05 },
      depression: { amplitudeV: -3, widthS: 0.05 },
      initialWeight: 0.5,
      programming: 'state-aware',
    });
    const eng = new PlasticityEngine(rule, allToAll(1, 1), syn);
    const before = syn.weight(0, 0);
    drive(eng);
    expect(expected).toBeGreaterThan(0.01);
    expect(syn.potPulses).toBeGreaterThan(0);
    // lasting change after the volatile part has relaxed, against an untouched twin
    const twin = new MemristiveWeights({ device, synapses: 1, potentiation: { amplitudeV: 4, widthS: 0.05 }, depression: { amplitudeV: -3, widthS: 0.05 }, initialWeight: 0.5 }, syn.cal);
    const twinBefore = twin.weight(0, 0);
    const lasting = syn.weight(0, 30) - twin.weight(0, 30);
    expect(before).toBe(twinBefore);
    expect(lasting / expected).toBeGreaterThan(0.8);
    expect(lasting / expected).toBeLessThan(1.2);
  });
});
