import { describe, expect, it } from 'vitest';
import type { NetworkDescription, SpikeRecorder } from '../../src/network/index.ts';
import { neuronModels } from '../../src/neurons/registry.ts';
import { lifDefaults } from '../../src/neurons/lif.ts';
import { raster, vForm } from './lif-forms.ts';


/**
 * A driver S fires every few ms; each of its spikes lifts all N targets of E
 * above threshold at the same instant (tau_m = 1000 s: no leak to speak of),
 * so N crossings fall due at one time. E inhibits itself with the delay given.
 */
function burstNet(model: string, inhibitionDelayS: number): NetworkDescription {
  const n = 24;
  return {
    durationS: 0.08,
    seed: 3,
    populations: [
      { name: 'S', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07 } },
      { name: 'E', model, size: n, params: { restV: -0.07, tauMS: 1000, refractoryS: 1e-3 }, initial: { V: { uniform: [-0.0512, -0.0502] } } },
    ],
    projections: [
      { name: 'drive', from: 'S', to: 'E', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: 2.5e-3 }, delayS: 1e-3 },
      { name: 'inh', from: 'E', to: 'E', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: -4e-3 }, delayS: inhibitionDelayS, port: 'inhibitory' },
    ],
    stimuli: [{ kind: 'uniform', population: 'S', waveform: { kind: 'constant', value: 0.3e-9 } }],
  };
}

function compare(delayS: number): { fast: SpikeRecorder; ref: SpikeRecorder } {
  neuronModels.lif_vform = { model: vForm, defaults: lifDefaults };
  try {
    return { fast: raster(burstNet('lif', delayS)), ref: raster(burstNet('lif_vform', delayS)) };
  } finally {
    delete neuronModels.lif_vform;
  }
}

describe('LIF block: crossings due at one instant', () => {
  it('fire in ascending index at that instant, as one event each would (delayed inhibition)', () => {
    const { fast, ref } = compare(2e-3);
    const s = fast.trainOf(0);
    expect(s.length).toBeGreaterThan(1);
    // The first drive spike lifts all 24 at s[0] + 1 ms: one instant, ascending index.
    const at = s[0] + 1e-3;
    const first = Array.from(fast.neurons).filter((_, k) => Math.abs(fast.times[k] - at) < 1e-12);
    expect(first).toEqual(Array.from({ length: 24 }, (_, i) => 1 + i));
    expect(fast.count).toBe(ref.count);
    expect(Array.from(fast.neurons)).toEqual(Array.from(ref.neurons));
    for (let k = 0; k < ref.count; k++) expect(Math.abs(fast.times[k] - ref.times[k])).toBeLessThan(1e-12);
  });

  it('a delivery due at that instant (zero delay) comes before the next crossing: the tie rule', () => {
    const { fast, ref } = compare(0);
    // The lowest index fires; its inhibition, delivered at the same instant before
    // any further crossing, pulls the others back below threshold.
    const at = fast.trainOf(0)[0] + 1e-3;
    const first = Array.from(fast.neurons).filter((_, k) => Math.abs(fast.times[k] - at) < 1e-12);
    expect(first).toEqual([1]);
    expect(fast.count).toBe(ref.count);
    expect(Array.from(fast.neurons)).toEqual(Array.from(ref.neurons));
    for (let k = 0; k < ref.count; k++) expect(Math.abs(fast.times[k] - ref.times[k])).toBeLessThan(1e-12);
  });
});
