import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder, type NetworkDescription, type PlasticityHooks } from '../../src/network/index.ts';

const TIMES = [[0.01, 0.02, 0.035], [], [0.015]];

function desc(delayS: number, startS = 0): NetworkDescription {
  const start = [0];
  for (const t of TIMES) start.push(start[start.length - 1] + t.length);
  return {
    durationS: 0.1,
    seed: 1,
    populations: [
      { name: 'in', model: 'spike_trains', size: 3, params: { start, times: TIMES.flat().map((t) => t + startS) } },
      { name: 'out', model: 'lif_adaptive', size: 1, params: { thresholdV: 0.0015, resetV: -0.001, refractoryS: 0 } },
    ],
    projections: [{ name: 'p', from: 'in', to: 'out', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: 0.001 }, delayS }],
  };
}

describe('spike sources and learning-rule hooks', () => {
  it('a spike_trains population fires exactly its listed times, one event per spike', () => {
    const net = new Network(desc(0));
    const rec = new SpikeRecorder();
    net.attach(rec);
    net.run();
    const of = (g: number) => Array.from(rec.times).filter((_, k) => rec.neurons[k] === g);
    TIMES.forEach((t, i) => expect(of(i)).toEqual(t));
    // Two inputs of 1 mV within a few ms cross the 1.5 mV threshold at the second (0.015 s).
    expect(of(3)[0]).toBe(0.015);
  });

  it('hooks hear presynaptic spikes at their arrival (after the delay) and postsynaptic spikes at emission', () => {
    const delay = 0.002;
    const net = new Network(desc(delay));
    const heard: Array<[string, number, number]> = [];
    const hooks: PlasticityHooks = {
      delivered: (i, t) => heard.push(['pre', i, t]),
      postSpike: (j, t) => heard.push(['post', j, t]),
    };
    net.setPlasticity('p', hooks);
    expect(() => net.setPlasticity('p', hooks)).toThrow(/already has a learning rule/);
    net.run();
    const pre = heard.filter((h) => h[0] === 'pre');
    expect(pre.map((h) => [h[1], h[2]])).toEqual([[0, 0.01 + delay], [2, 0.015 + delay], [0, 0.02 + delay], [0, 0.035 + delay]]);
    const post = heard.filter((h) => h[0] === 'post');
    expect(post.length).toBeGreaterThan(0);
    // The post spike caused by the input at 0.015 + delay is heard after that delivery.
    const k = heard.findIndex((h) => h[0] === 'post');
    expect(heard[k - 1]).toEqual(['pre', 2, 0.015 + delay]);
    expect(heard[k][2]).toBe(0.015 + delay);
  });
});
