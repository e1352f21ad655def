import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder } from '../../src/network/index.ts';
import { neuronModels } from '../../src/neurons/registry.ts';
import { lifDefaults, lifModel, LIF_DRIVE } from '../../src/neurons/lif.ts';
import type { CompiledNeurons, NeuronModel } from '../../src/neurons/types.ts';

/** A LIF that reports "driven" (1) while its external current is positive: exercises stateChange. */
const reporting: NeuronModel<typeof lifDefaults> = {
  name: 'lif_reporting',
  description: 'test model',
  stateLayout: lifModel.stateLayout,
  compile(params, size) {
    const base = lifModel.compile(params, size);
    const m: CompiledNeurons = Object.create(base);
    return Object.assign(m, {
      stateNames: ['quiet', 'driven'],
      stateCode: (s: Float64Array, i: number) => (s[i * base.stride + LIF_DRIVE] > 0 ? 1 : 0),
    });
  },
};

describe('state changes', () => {
  it('reports each change of a model state code once, at the event time', () => {
    neuronModels.lif_reporting = { model: reporting, defaults: lifDefaults };
    try {
      const net = new Network({
        durationS: 0.1,
        seed: 1,
        populations: [{ name: 'P', model: 'lif_reporting', size: 2, params: { restV: -0.07, initialV: -0.07 } }],
        stimuli: [{ kind: 'neurons', population: 'P', neurons: [1], waveform: { kind: 'points', points: [[0.02, 1e-11], [0.05, 2e-11], [0.07, 0]] } }],
      });
      const rec = new SpikeRecorder();
      net.attach(rec);
      net.run();
      const t = rec.stateChanges;
      expect(t.rows).toBe(2);
      expect([t.get(0, 0), t.get(0, 1), t.get(0, 2), t.get(0, 3)]).toEqual([0.02, 1, 0, 1]);
      expect([t.get(1, 0), t.get(1, 1), t.get(1, 2), t.get(1, 3)]).toEqual([0.07, 1, 1, 0]);
    } finally {
      delete neuronModels.lif_reporting;
    }
  });
});
