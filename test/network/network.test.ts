import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { lifDefaults } from '../../src/neurons/lif.ts';

const drivenPair = (delayS: number): NetworkDescription => ({
  durationS: 0.1,
  seed: 3,
  populations: [
    { name: 'A', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07 } },
    { name: 'B', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07 } },
  ],
  projections: [{ from: 'A', to: 'B', connectivity: { kind: 'pairs', pairs: [[0, 0]] }, synapse: { kind: 'static', weight: 0.05 }, delayS }],
  stimuli: [{ kind: 'uniform', population: 'A', waveform: { kind: 'points', points: [[0.01, 0.3e-9]] } }],
});

function run(desc: NetworkDescription): { net: Network; rec: SpikeRecorder } {
  const net = new Network(desc);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return { net, rec };
}

describe('network runtime', () => {
  it('a constant drive gives the closed-form period; each spike arrives exactly at t + delay', () => {
    const delay = 0.0031;
    const { rec } = run(drivenPair(delay));
    const a = rec.trainOf(0);
    const b = rec.trainOf(1);
    // A: V_inf = -0.07 + 1e8 * 0.3e-9 = -0.04; starts at -0.07 at t = 10 ms
    const first = 0.01 + lifDefaults.tauMS * Math.log((-0.07 + 0.04) / (-0.05 + 0.04));
    const period = lifDefaults.refractoryS + lifDefaults.tauMS * Math.log((-0.06 + 0.04) / (-0.05 + 0.04));
    expect(a.length).toBe(Math.floor((0.1 - first) / period) + 1);
    a.forEach((t, k) => expect(t).toBeCloseTo(first + k * period, 12));
    // B is pushed over threshold by every input (unless refractory, it is not: period > t_ref)
    const arrived = Array.from(a).filter((t) => t + delay <= 0.1);
    expect(b.length).toBe(arrived.length);
    b.forEach((t, k) => expect(t).toBe(arrived[k] + delay));
  });

  it('probes sample the closed-form V at k * interval without perturbing spike times', () => {
    const desc = drivenPair(0.001);
    const probed: NetworkDescription = { ...desc, probes: [{ kind: 'neuron', population: 'A', neurons: [0], variable: 'V', intervalS: 0.0005 }] };
    const plain = run(desc).rec;
    const { rec, net } = run(probed);
    expect(Array.from(rec.times)).toEqual(Array.from(plain.times));
    const [t, v] = rec.probe(0);
    expect(t.length).toBe(201);
    expect(t[37]).toBe(37 * 0.0005);
    expect(v[10]).toBe(-0.07); // before the drive starts (0.005 s)
    const first = 0.01 + lifDefaults.tauMS * Math.log(3);
    const k = 30; // 15 ms, between drive onset and first spike
    expect(t[k]).toBeLessThan(first);
    expect(v[k]).toBeCloseTo(-0.04 - 0.03 * Math.exp(-(t[k] - 0.01) / lifDefaults.tauMS), 13);
    expect(net.probes[0].name).toBe('A[0].V');
  });

  it('a spot stimulus drives exactly the grid neurons within its radius', () => {
    const desc: NetworkDescription = {
      durationS: 0.05,
      seed: 1,
      populations: [{ name: 'sheet', model: 'lif', size: 25, grid: { width: 5, height: 5 }, params: { restV: -0.07, initialV: -0.07 } }],
      stimuli: [{ kind: 'spot', population: 'sheet', cx: 1, cy: 2, radius: 1.01, waveform: { kind: 'constant', value: 0.3e-9 } }],
    };
    const { rec } = run(desc);
    const fired = new Set(Array.from(rec.neurons));
    const expected = new Set([2 * 5 + 1, 2 * 5 + 0, 2 * 5 + 2, 1 * 5 + 1, 3 * 5 + 1]);
    expect(fired).toEqual(expected);
  });

  it('fixed probability connects about p of the pairs, deterministically per seed', () => {
    const desc = (seed: number): NetworkDescription => ({
      durationS: 0,
      seed,
      populations: [{ name: 'P', model: 'lif', size: 300 }],
      projections: [{ from: 'P', to: 'P', connectivity: { kind: 'fixed-probability', p: 0.1 }, synapse: { kind: 'static', weight: 0 }, delayS: 0 }],
    });
    const a = new Network(desc(5)).projections[0];
    const b = new Network(desc(5)).projections[0];
    const c = new Network(desc(6)).projections[0];
    // 90000 Bernoulli(0.1) draws: mean 9000, sd 90
    expect(Math.abs(a.synapseCount - 9000)).toBeLessThan(5 * 90);
    expect(Array.from(a.targets)).toEqual(Array.from(b.targets));
    expect(Array.from(a.targets)).not.toEqual(Array.from(c.targets));
    // targets ascend within each row (CSR rows are generated in order)
    let ascending = true;
    for (let i = 0; i < 300; i++) for (let k = a.offsets[i] + 1; k < a.offsets[i + 1]; k++) ascending &&= a.targets[k] > a.targets[k - 1];
    expect(ascending).toBe(true);
  });

  it('explicit pairs keep per-synapse weights in description order', () => {
    const desc: NetworkDescription = {
      durationS: 0,
      seed: 1,
      populations: [{ name: 'A', model: 'lif', size: 3 }, { name: 'B', model: 'lif', size: 2 }],
      projections: [
        { from: 'A', to: 'B', connectivity: { kind: 'pairs', pairs: [[2, 0], [0, 1], [2, 1], [0, 0]] }, synapse: { kind: 'static', weight: [1, 2, 3, 4] }, delayS: 0 },
      ],
    };
    const pr = new Network(desc).projections[0];
    expect(Array.from(pr.offsets)).toEqual([0, 2, 2, 4]);
    expect(Array.from(pr.targets)).toEqual([1, 0, 0, 1]);
    expect(Array.from(pr.weights!)).toEqual([2, 4, 1, 3]);
  });
});

describe('memristor projection', () => {
  it('delivers gain x pulse charge to the target and facilitates within a burst', () => {
    const gain = 1e6; // V/C
    const desc: NetworkDescription = {
      durationS: 0.2,
      seed: 1,
      populations: [
        { name: 'pre', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07, refractoryS: 0.002 } },
        { name: 'post', model: 'lif', size: 1, params: { restV: -0.07, initialV: -0.07, tauMS: 1e3 } },
      ],
      projections: [
        { name: 'syn', from: 'pre', to: 'post', connectivity: { kind: 'one-to-one' }, synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 0.005, gain }, delayS: 0.001 },
      ],
      stimuli: [{ kind: 'uniform', population: 'pre', waveform: { kind: 'points', points: [[0, 0.5e-9], [0.05, 0]] } }],
      probes: [
        { kind: 'neuron', population: 'post', neurons: [0], variable: 'V', intervalS: 0.001 },
        { kind: 'synapse', projection: 'syn', synapses: [0], variable: 'conductance', intervalS: 0.001 },
      ],
    };
    const net = new Network(desc);
    const rec = new SpikeRecorder();
    const jumps: number[] = [];
    const mem = net.projection('syn').memristors!;
    net.addSpikeListener(() => undefined);
    net.attach(rec);
    // read every delivered input through the synapse store
    let lastV = -0.07;
    net.run();
    const [, v] = rec.probe(0);
    const [, g] = rec.probe(1);
    for (let k = 1; k < v.length; k++) {
      const dv = v[k] - v[k - 1] * 1 - (-0.07 - v[k - 1]) * (1 - Math.exp(-0.001 / 1e3));
      if (dv > 1e-6) jumps.push(dv);
      lastV = v[k];
    }
    const pre = rec.trainOf(0);
    expect(pre.length).toBeGreaterThan(3);
    expect(jumps.length).toBe(pre.filter((t) => t + 0.001 <= 0.2).length);
    // each jump is gain x charge, ~ gain x G x sinh(beta V)/beta x W, a few nA x 5 ms
    expect(jumps[0]).toBeGreaterThan(gain * 1e-9 * 0.005);
    expect(jumps[0]).toBeLessThan(gain * 100e-9 * 0.005);
    expect(jumps[1]).toBeGreaterThan(jumps[0]); // facilitation
    expect(g[g.length - 1]).toBeLessThan(Math.max(...g)); // relaxes after the burst
    expect(mem.lastChargeC * gain).toBeCloseTo(jumps[jumps.length - 1], 6);
    expect(lastV).toBeGreaterThan(-0.07);
  });
});

describe('stimuli', () => {
  it('per-neuron waveforms and overlapping stimuli add up in the drive', () => {
    const desc: NetworkDescription = {
      durationS: 0.03,
      seed: 1,
      populations: [{ name: 'P', model: 'lif', size: 3, params: { restV: -0.07, initialV: -0.07 } }],
      stimuli: [
        { kind: 'per-neuron', population: 'P', waveforms: [{ kind: 'constant', value: 1e-10 }, { kind: 'constant', value: 2e-10 }, { kind: 'points', points: [[0, 0], [0.01, 3e-10], [0.02, 0]] }] },
        { kind: 'neurons', population: 'P', neurons: [0, 2], waveform: { kind: 'pulse-train', amplitudeV: 1e-10, widthS: 0.005, intervalS: 0.005, count: 2, startS: 0.005 } },
      ],
      probes: [{ kind: 'neuron', population: 'P', neurons: [0, 1, 2], variable: 'I_ext', intervalS: 0.0025 }],
    };
    const net = new Network(desc);
    const rec = new SpikeRecorder();
    net.attach(rec);
    net.run();
    const at = (ch: number, tS: number): number => {
      const [t, v] = rec.probe(ch);
      return v[t.findIndex((x) => Math.abs(x - tS) < 1e-12)];
    };
    expect(at(0, 0.0025)).toBeCloseTo(1e-10, 20);
    expect(at(0, 0.0075)).toBeCloseTo(2e-10, 20); // first pulse adds
    expect(at(0, 0.01)).toBeCloseTo(1e-10, 20);
    expect(at(0, 0.015)).toBeCloseTo(2e-10, 20); // second pulse
    expect(at(1, 0.015)).toBe(2e-10);
    expect(at(2, 0.0075)).toBeCloseTo(1e-10, 20);
    expect(at(2, 0.015)).toBeCloseTo(4e-10, 20);
    expect(at(2, 0.025)).toBeCloseTo(0, 20);
  });
});
