/**
 * Stimulations added while a network runs (src/network/drive.ts): the same
 * stimulations added before the run give the same spikes and state changes,
 * bit for bit, on every engine path (bursts, generic, LIF block); the pulse
 * reaches the neurons it names and no others.
 */
import { describe, expect, it } from 'vitest';
import { Network, type NetworkDescription } from '../../src/network/index.ts';
import { stimulationTime } from '../../src/circuit/stimulation.ts';

interface Rec { t: number[]; n: number[]; states: number[] }
function recorder(net: Network): Rec {
  const r: Rec = { t: [], n: [], states: [] };
  net.attach({ spike: (t, g) => (r.t.push(t), r.n.push(g)), sample() {}, stateChange: (t, g, a, b) => r.states.push(t, g, a, b) });
  return r;
}

function skin(generic: boolean): NetworkDescription {
  return {
    durationS: 8,
    seed: 3,
    populations: [{ name: 'skin', model: 'nociceptor', size: 36, grid: { width: 6, height: 6 }, params: { thresholdA: 8e-8, checkIntervalS: 0.25 } }],
    stimuli: [{ kind: 'uniform', population: 'skin', waveform: { kind: 'pulse-train', amplitudeV: 2, widthS: 0.5, intervalS: 0.5, count: 6, startS: 1, readV: 0 } }],
    // A per-pulse probe keeps the population on the generic path (no bursts).
    probes: generic ? [{ kind: 'pulses', population: 'skin', neurons: [0], variable: 'i_A', intervalS: 0.05 }] : [],
  };
}

function lifGrid(): NetworkDescription {
  return {
    durationS: 0.5,
    seed: 2,
    populations: [{ name: 'sheet', model: 'lif', size: 25, grid: { width: 5, height: 5 } }],
    stimuli: [{ kind: 'uniform', population: 'sheet', waveform: { kind: 'constant', value: 1e-10, startS: 0.05 } }],
  };
}

type Pulse = { neurons: number[]; amplitude: number; widthS: number; gain?: number };

/** Live: run in small event budgets, add each pulse at the next free step after the present time; returns the times used. */
function live(desc: NetworkDescription, pop: string, pulses: Pulse[], atS: number[], stepS: number): { rec: Rec; times: number[] } {
  const net = new Network(desc);
  const rec = recorder(net);
  net.start();
  const times: number[] = [];
  pulses.forEach((p, k) => {
    while (net.kernel.now < atS[k]) net.kernel.run(atS[k], 7);
    const t = stimulationTime(net, net.kernel.now, p.widthS, stepS);
    times.push(t);
    if (p.gain !== undefined) net.scaleStimulus(0, p.gain, t);
    else net.addDrivePulse({ population: pop, neurons: p.neurons, amplitude: p.amplitude, startS: t, widthS: p.widthS });
  });
  while (net.kernel.run(desc.durationS, 13) === 'budget');
  return { rec, times };
}

function replay(desc: NetworkDescription, pop: string, pulses: Pulse[], times: number[]): Rec {
  const net = new Network(desc);
  const rec = recorder(net);
  pulses.forEach((p, k) => {
    if (p.gain !== undefined) net.scaleStimulus(0, p.gain, times[k]);
    else net.addDrivePulse({ population: pop, neurons: p.neurons, amplitude: p.amplitude, startS: times[k], widthS: p.widthS });
  });
  net.run();
  return rec;
}

const spot = [7, 8, 13, 14];
const count = (r: Rec, set: Set<number>) => r.n.filter((g) => set.has(g)).length;

describe('stimulations on a running network', () => {
  for (const generic of [false, true]) {
    it(`nociceptor grid (${generic ? 'generic path' : 'bursts'}): added live = added before the run, bit for bit; spikes only in the spot`, () => {
      const pulses: Pulse[] = [
        { neurons: spot, amplitude: 7, widthS: 0.5 },
        { neurons: [], amplitude: 0, widthS: 0, gain: 2 },
        { neurons: [28, 29], amplitude: 3, widthS: 0.3 },
      ];
      const l = live(skin(generic), 'skin', pulses, [0.333, 2.2, 2.6], 0.01);
      expect(l.times[0]).toBeCloseTo(0.34, 12);
      // 3.0 and 3.5 are touch edges: the gain change and the pulse avoid them.
      for (const t of l.times) expect([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5].some((e) => Math.abs(e - t) < 1e-12)).toBe(false);
      const r = replay(skin(generic), 'skin', pulses, l.times);
      expect(l.rec.t.length).toBeGreaterThan(20);
      expect(r.t).toEqual(l.rec.t);
      expect(r.n).toEqual(l.rec.n);
      expect(r.states).toEqual(l.rec.states);
      // Before the touch train (t < 1 s) only the stimulated spot fires.
      const early = { ...l.rec, n: l.rec.n.filter((_, k) => l.rec.t[k] < 1) };
      expect(count(early, new Set(spot))).toBeGreaterThan(4 * 3);
      expect(early.n.length - count(early, new Set(spot))).toBe(0);
      // Without the stimulations no receptor fires before the touch train.
      const none = replay(skin(generic), 'skin', [], []);
      expect(none.t.filter((t) => t < 1).length).toBe(0);
    });
  }

  it('a stimulation asked for just before a stimulus edge moves past it, so live and replay still agree (the tie rule)', () => {
    // The next 10 ms step after 2.495 s is 2.5 s, a touch edge: the stimulation goes to 2.51 s. At 2.5 s itself its order
    // against the edge would depend on when it was added, and the spikes of the live run and of the replay differ.
    const pulses: Pulse[] = [{ neurons: spot, amplitude: 5, widthS: 0.5 }];
    const l = live(skin(true), 'skin', pulses, [2.495], 0.01);
    expect(l.times[0]).toBeCloseTo(2.51, 12);
    const r = replay(skin(true), 'skin', pulses, l.times);
    expect(r.t).toEqual(l.rec.t);
    expect(r.states).toEqual(l.rec.states);
  });

  it('LIF grid (block path): added live = added before the run; the pulse adds drive to its neurons only', () => {
    const pulses: Pulse[] = [{ neurons: [12], amplitude: 3e-10, widthS: 0.1 }];
    const l = live(lifGrid(), 'sheet', pulses, [0.1], 0.001);
    const r = replay(lifGrid(), 'sheet', pulses, l.times);
    expect(r.t).toEqual(l.rec.t);
    expect(r.n).toEqual(l.rec.n);
    const base = replay(lifGrid(), 'sheet', [], []);
    const of = (x: Rec, g: number) => x.n.filter((n) => n === g).length;
    expect(of(r, 12)).toBeGreaterThan(of(base, 12));
    expect(of(r, 0)).toBe(of(base, 0));
  });

  it('a stimulation at the instant of spikes of a spike-source population: added live = added before the run', () => {
    // Source spikes are not stimulus edges, so the stimulation may start (0.12 s) and end (0.14 s) at their instants.
    // Both are stimulus-phase events; their order among themselves follows when each was scheduled, which differs
    // between the live run and the replay, and must not change what either run computes.
    const times = [[0.1, 0.12, 0.14, 0.2], [0.12, 0.14, 0.3]];
    const desc: NetworkDescription = {
      durationS: 0.4,
      seed: 4,
      populations: [
        { name: 'in', model: 'spike_trains', size: 2, params: { start: [0, 4, 7], times: times.flat() } },
        { name: 'sheet', model: 'lif', size: 25, grid: { width: 5, height: 5 } },
      ],
      projections: [{ from: 'in', to: 'sheet', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: 2e-3 }, delayS: 0.01 }],
      stimuli: [{ kind: 'uniform', population: 'sheet', waveform: { kind: 'constant', value: 1e-10, startS: 0.05 } }],
    };
    const pulses: Pulse[] = [{ neurons: [6, 12, 18], amplitude: 3e-10, widthS: 0.02 }];
    const l = live(desc, 'sheet', pulses, [0.115], 0.01);
    expect(l.times[0]).toBeCloseTo(0.12, 12);
    const r = replay(desc, 'sheet', pulses, l.times);
    // The source's spikes at 0.12 and 0.14 s are in both runs, at the stimulation's instants.
    const sourceAt = (x: Rec, t: number) => x.n.filter((g, k) => g < 2 && Math.abs(x.t[k] - t) < 1e-12).length;
    expect(sourceAt(l.rec, 0.12)).toBe(2);
    expect(sourceAt(l.rec, 0.14)).toBe(2);
    expect(l.rec.t.length).toBeGreaterThan(12);
    expect(r.t).toEqual(l.rec.t);
    expect(r.n).toEqual(l.rec.n);
    // The pulse mattered: without it the stimulated neurons fire differently.
    const none = replay(desc, 'sheet', [], []);
    const of = (x: Rec, g: number) => x.n.filter((n) => n === g).length;
    expect(of(r, 2 + 12)).not.toBe(of(none, 2 + 12));
  });

  it('refuses a stimulation that is not after the present time, on an unknown population, or non-finite', () => {
    const net = new Network(skin(false));
    net.start();
    net.run(2);
    expect(() => net.addDrivePulse({ population: 'skin', neurons: [0], amplitude: 7, startS: 2, widthS: 1 })).toThrow(/not after the present simulated time 2 s/);
    expect(() => net.addDrivePulse({ population: 'nope', neurons: [0], amplitude: 7, startS: 3, widthS: 1 })).toThrow(/unknown population "nope"/);
    expect(() => net.addDrivePulse({ population: 'skin', neurons: [0], amplitude: NaN, startS: 3, widthS: 1 })).toThrow(/finite/);
    expect(() => net.addDrivePulse({ population: 'skin', neurons: [99], amplitude: 1, startS: 3, widthS: 1 })).toThrow(/outside population/);
    expect(() => net.scaleStimulus(4, 1, 3)).toThrow(/no stimulus 4/);
  });
});

describe('overlapping stimulation pulses', () => {
  it('take the largest, not the sum: two 7 V pulses on one receptor drive it at 7 V (as one pulse does)', () => {
    const run = (pulses: Array<[number, number]>) => {
      const net = new Network({ ...skin(false), stimuli: [] });
      const rec = recorder(net);
      for (const [t, w] of pulses) net.addDrivePulse({ population: 'skin', neurons: [14], amplitude: 7, startS: t, widthS: w });
      net.run();
      return rec;
    };
    // 0.5-1.5 s alone, vs 0.5-1.5 s with a second pulse 0.8-1.2 s inside it: the same spikes (a sum would be 14 V, beyond the
    // device model); the second pulse's edges restart the neuron's burst, so times agree to the integrator's tolerance, not bit for bit.
    const one = run([[0.5, 1]]);
    const two = run([[0.5, 1], [0.8, 0.4]]);
    expect(one.t.length).toBeGreaterThan(10);
    expect(two.t.length).toBe(one.t.length);
    expect(Math.max(...two.t.map((t, k) => Math.abs(t - one.t[k])))).toBeLessThan(1e-9);
    expect(two.n.every((g) => g === 14)).toBe(true);
  });
});
