import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { neuronModels } from '../../src/neurons/registry.ts';
import { lifDefaults } from '../../src/neurons/lif.ts';
import { expectBlockMatchesVForm, raster, vForm } from './lif-forms.ts';


/**
 * A driven network with excitation and inhibition, weak enough that rounding
 * differences do not grow into different spike trains within 0.3 s: some
 * neurons have V_inf below threshold (they fire only when inputs push them),
 * drives switch on and off, inputs arrive during refractoriness.
 */
function driven(model: string): NetworkDescription {
  const n = 40;
  return {
    durationS: 0.3,
    seed: 5,
    populations: [
      { name: 'E', model, size: n, params: { restV: -0.07 }, initial: { V: { uniform: [-0.07, -0.052] } } },
      { name: 'I', model, size: 10, params: { restV: -0.07 }, initial: { V: { uniform: [-0.07, -0.052] } } },
    ],
    projections: [
      { from: 'E', to: 'E', connectivity: { kind: 'fixed-probability', p: 0.1 }, synapse: { kind: 'static', weight: 0.8e-3 }, delayS: 1e-3 },
      { from: 'E', to: 'I', connectivity: { kind: 'fixed-probability', p: 0.2 }, synapse: { kind: 'static', weight: 2e-3 }, delayS: 0.5e-3 },
      { from: 'I', to: 'E', connectivity: { kind: 'fixed-probability', p: 0.3 }, synapse: { kind: 'static', weight: -1.5e-3 }, delayS: 0.7e-3, port: 'inhibitory' },
    ],
    stimuli: [
      { kind: 'per-neuron', population: 'E', waveforms: Array.from({ length: n }, (_, i) => ({ kind: 'points', points: [[0.01 * (i % 7), (0.15 + 0.01 * i) * 1e-9], [0.2, (0.05 + 0.004 * i) * 1e-9]] }) as const) },
    ],
  };
}

describe('LIF in time-invariant form (lif-block)', () => {
  it('gives the spike times of the V-form closed form (generic path) to rounding', () => {
    expectBlockMatchesVForm(driven, 300);
  });

  it('memristor synapses receive their pulse even while the target is refractory (as in the V-form path)', () => {
    neuronModels.lif_vform = { model: vForm, defaults: lifDefaults };
    try {
      const run = (model: string) => {
        const net = new Network({
          durationS: 0.06,
          seed: 1,
          populations: [
            { name: 'pre', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07, refractoryS: 0.002 } },
            // One input fires the target; its long refractoriness swallows the next inputs.
            { name: 'post', model, size: 1, params: { restV: -0.07, initialV: -0.05001, refractoryS: 0.03, tauMS: 1e3 } },
          ],
          projections: [{ name: 'syn', from: 'pre', to: 'post', connectivity: { kind: 'one-to-one' }, synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 0.005, gain: 1e6 }, delayS: 0.001 }],
          stimuli: [{ kind: 'uniform', population: 'pre', waveform: { kind: 'points', points: [[0, 0.5e-9], [0.04, 0]] } }],
        });
        const rec = new SpikeRecorder();
        net.attach(rec);
        net.run();
        return { rec, g: net.projection('syn').memristors!.conductance(0, 0.06) };
      };
      const fast = run('lif');
      const ref = run('lif_vform');
      expect(fast.rec.trainOf(0).length).toBeGreaterThan(3);
      expect(fast.rec.trainOf(1).length).toBe(1);
      expect(Array.from(fast.rec.times)).toEqual(Array.from(ref.rec.times));
      expect(fast.g).toBe(ref.g);
    } finally {
      delete neuronModels.lif_vform;
    }
  });

  it('one static weight per projection: the weights array appears on first access, and changes to it count', () => {
    const desc: NetworkDescription = {
      durationS: 0.05,
      seed: 1,
      populations: [
        { name: 'A', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07 } },
        { name: 'B', model: 'lif', size: 2, params: { restV: -0.07, initialV: -0.07, tauMS: 1e3 } },
      ],
      projections: [{ name: 'ab', from: 'A', to: 'B', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: 1e-3 }, delayS: 1e-3 }],
      stimuli: [{ kind: 'uniform', population: 'A', waveform: { kind: 'constant', value: 0.3e-9 } }],
      probes: [{ kind: 'neuron', population: 'B', neurons: [0, 1], variable: 'V', intervalS: 0.05 }],
    };
    const plain = new Network(desc);
    expect(plain.projection('ab').uniformWeight).toBe(1e-3);
    const changed = new Network(desc);
    const w = changed.projection('ab').weights!;
    expect(Array.from(w)).toEqual([1e-3, 1e-3]);
    expect(changed.projection('ab').uniformWeight).toBeNaN();
    w[1] = 3e-3;
    const final = (net: Network) => {
      const rec = new SpikeRecorder();
      net.attach(rec);
      net.run();
      const spikes = rec.trainOf(0).filter((t) => t + 1e-3 <= 0.05).length;
      return { spikes, v0: rec.probe(0)[1][1], v1: rec.probe(1)[1][1] };
    };
    const a = final(plain);
    const b = final(changed);
    expect(a.spikes).toBeGreaterThan(0);
    // tau_m = 1000 s: V rises by ~ the sum of the jumps.
    expect(a.v1 - -0.07).toBeCloseTo(a.spikes * 1e-3, 5);
    expect(b.v0).toBe(a.v0);
    expect(b.v1 - -0.07).toBeCloseTo(a.spikes * 3e-3, 5);
  });

  it('keeps the closed form over many rebasings of its epoch (constant drive, 200 tau_m)', () => {
    const durationS = 200 * lifDefaults.tauMS;
    const rec = raster({
      durationS,
      seed: 1,
      populations: [{ name: 'A', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07 } }],
      stimuli: [{ kind: 'uniform', population: 'A', waveform: { kind: 'constant', value: 0.3e-9 } }],
    });
    // V_inf = -0.04 V: first crossing from -0.07 V, then period t_ref + tau ln((V_reset - V_inf)/(V_th - V_inf)).
    const first = lifDefaults.tauMS * Math.log(3);
    const period = lifDefaults.refractoryS + lifDefaults.tauMS * Math.log(2);
    expect(rec.count).toBe(Math.floor((durationS - first) / period) + 1);
    for (let k = 0; k < rec.count; k++) expect(Math.abs(rec.times[k] - (first + k * period))).toBeLessThan(1e-12);
  });

  it('population state shows V, refractory time and drive at the stop time of a run slice', () => {
    const net = new Network({
      durationS: 0.1,
      seed: 1,
      populations: [{ name: 'A', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07 } }],
      stimuli: [{ kind: 'uniform', population: 'A', waveform: { kind: 'constant', value: 0.3e-9 } }],
    });
    const first = lifDefaults.tauMS * Math.log(3);
    net.run(first + 0.002);
    const s = net.population('A').state;
    expect(s[0]).toBe(lifDefaults.resetV);
    expect(s[1]).toBeCloseTo(0.003, 12);
    expect(s[2]).toBe(0.3e-9);
    net.run(first + 0.01);
    expect(s[1]).toBe(0);
    expect(s[0]).toBeCloseTo(-0.04 - 0.02 * Math.exp(-(0.01 - lifDefaults.refractoryS) / lifDefaults.tauMS), 12);
  });
});
