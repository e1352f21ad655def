import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { attachPlasticity } from '../../src/plasticity/network-adapter.ts';
import { compileRule } from '../../src/plasticity/registry.ts';

// Tonic LIF neurons (rest above threshold) so the spike trains do not depend on the weights.
const desc: NetworkDescription = {
  durationS: 1,
  seed: 3,
  populations: [
    { name: 'in', model: 'lif', size: 3, params: { tauMS: 0.02, restV: -0.049 }, initial: { V: { uniform: [-0.06, -0.05] } } },
    { name: 'out', model: 'lif', size: 1, params: { tauMS: 0.015, restV: -0.0495 }, initial: { V: -0.055 } },
  ],
  projections: [
    { name: 'in->out', from: 'in', to: 'out', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'memristor', amplitudeV: 0.1, widthS: 1e-3, gain: 1e3 }, delayS: 0 },
  ],
};

describe('rules on a network memristor projection', () => {
  it('hears every spike, requests the closed-form pair sum, and programs the devices through applyPulse', () => {
    const net = new Network(desc);
    const rec = new SpikeRecorder();
    net.attach(rec);
    const A = 0.01;
    const tau = 0.02;
    const rule = compileRule('stdp-pair', { aPlus: A, aMinus: A, tauPlusS: tau, tauMinusS: tau, pairing: 'all-to-all' });
    const mem = net.projection('in->out').memristors!;
    const g0 = mem.conductance(0, 0);
    const { engine, weights } = attachPlasticity(net, 'in->out', rule, {
      potentiation: { amplitudeV: 4, widthS: 0.01 },
      depression: { amplitudeV: -3, widthS: 0.01 },
      gMinS: g0,
      gMaxS: g0 + 20e-9,
      potStep: 1e-3,
      depStep: 1e-3,
    });
    net.run();
    const times = rec.times;
    const neurons = rec.neurons;
    const train = (g: number): number[] => Array.from(times).filter((_, k) => neurons[k] === g);
    const post = train(3);
    expect(post.length).toBeGreaterThan(5);
    let expected = 0;
    for (let j = 0; j < 3; j++) {
      const pre = train(j);
      expect(pre.length).toBeGreaterThan(5);
      for (const tp of pre) for (const tq of post) {
        const dt = tq - tp;
        if (dt > 0) expected += A * Math.exp(-dt / tau);
        else if (dt < 0) expected -= A * Math.exp(dt / tau);
      }
    }
    expect(engine.requestedSum).toBeCloseTo(expected, 10);
    expect(weights.potPulses + weights.depPulses).toBeGreaterThan(0);
    expect(mem.conductance(0, 1)).not.toBe(g0);
  });

  it('refuses a projection with static weights, naming it', () => {
    const net = new Network({ ...desc, projections: [{ ...desc.projections![0], synapse: { kind: 'static', weight: 1e-3 } }] });
    const rule = compileRule('stdp-pair');
    expect(() => attachPlasticity(net, 'in->out', rule, { potentiation: { amplitudeV: 4, widthS: 0.01 }, depression: { amplitudeV: -3, widthS: 0.01 }, gMinS: 0, gMaxS: 1, potStep: 1, depStep: 1 })).toThrow(/"in->out" has static weights/);
  });
});
