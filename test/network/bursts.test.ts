/**
 * Nociceptor populations run burst by burst on the network (src/network/bursts.ts):
 * spike times against a fine fixed-step reference across stimulus edges,
 * against the engine's spike-by-spike path (the same population with a
 * probe), uniform regions against a burst per receptor, reruns.
 */
import { describe, expect, it } from 'vitest';
import { compileDevice, DEFAULT_DEVICE } from '../../src/devices/registry.ts';
import type { NetworkDescription, StimulusDesc } from '../../src/network/description.ts';
import { Network } from '../../src/network/index.ts';
import { nociceptorDefaults } from '../../src/neurons/nociceptor.ts';
import { fineSpikesAtConstantV } from '../helpers/phase-reference.ts';


/** Edges (s) and levels (V): two noxious pulses, a gap, an innocuous one, a noxious pulse cut short. */
const POINTS: Array<readonly [number, number]> = [
  [0, 0],
  [0.05, 7],
  [0.3, 0],
  [0.45, 7],
  [0.7, 2],
  [0.9, 7],
  [1.0, 0],
];

/**
 * Reference: composite 5-point Gauss-Legendre on a fixed grid (h = 5 us) of
 * the rate from the device's own advance (steps from 10 ps after each edge), the phase carried across edges,
 * each spike by Newton on the partial quadrature. Independent of the engine.
 */
function referenceSpikes(points: ReadonlyArray<readonly [number, number]>, endS: number, h = 5e-6): number[] {
  const d = compileDevice(DEFAULT_DEVICE);
  const x = new Float64Array(d.stride);
  d.init(x, 0);
  const out: number[] = [];
  let phi = 0;
  for (let e = 0; e < points.length; e++) {
    const [t0S, vV] = points[e];
    const t1 = e + 1 < points.length ? points[e + 1][0] : endS;
    phi = fineSpikesAtConstantV(d, nociceptorDefaults, x, phi, { t0S, spanS: t1 - t0S, vV, hS: h, firstStepS: 1e-11 }, out);
  }
  return out;
}

function describeNet(n: number, stimuli: StimulusDesc[], durationS: number, spikeBySpike = false): NetworkDescription {
  return {
    durationS,
    seed: 3,
    populations: [{ name: 'r', model: 'nociceptor', size: n }],
    stimuli,
    // Both probe the phase; a per-pulse probe keeps the population on the spike-by-spike path.
    probes: [
      { kind: 'neuron', population: 'r', neurons: [0, n - 1], variable: 'phi', intervalS: 0.1 },
      ...(spikeBySpike ? [{ kind: 'pulses' as const, population: 'r', neurons: [0], variable: 'i_A', intervalS: 0.01 }] : []),
    ],
  };
}

function run(desc: NetworkDescription): { times: number[][]; states: string[]; samples: number[]; net: Network } {
  const net = new Network(desc);
  const times: number[][] = Array.from({ length: net.neuronCount }, () => []);
  const states: string[] = [];
  const samples: number[] = [];
  net.addSpikeListener((t, g) => times[g].push(t));
  net.attach({ spike() {}, sample: (_t, _c, v) => samples.push(v), stateChange: (t, g, from, to) => states.push(`${t} ${g} ${from} ${to}`) });
  net.run();
  return { times, states, samples, net };
}

const pulses = POINTS.slice(0, -1).flatMap(([t, v], k) => (v > 0 ? [{ tStartS: t, widthS: POINTS[k + 1][0] - t, level: v }] : []));
const points = { kind: 'points' as const, points: POINTS, pulses };
/** Receptors 0-3 under POINTS, 4-5 under a 7 V train, 6 under POINTS and then 3 V more (their sum), 7 quiet. */
const MIXED: StimulusDesc[] = [
  { kind: 'neurons', population: 'r', neurons: [0, 1, 2, 3, 6], waveform: points },
  { kind: 'neurons', population: 'r', neurons: [4, 5], waveform: { kind: 'points', points: [[0, 0], [0.2, 7], [0.7, 0], [1.2, 7], [1.7, 0]] } },
  { kind: 'neurons', population: 'r', neurons: [6], waveform: { kind: 'points', points: [[0, 0], [1.05, 3], [1.6, 0]] } },
];

describe('nociceptor populations run burst by burst', () => {
  it('spike times within 1e-9 s of a fine fixed-step reference across stimulus edges', () => {
    const ref = referenceSpikes(POINTS, 1.2);
    const { times, net } = run(describeNet(1, [{ kind: 'uniform', population: 'r', waveform: points }], 1.2));
    expect(net.burstFigures().computed).toBeGreaterThan(0);
    expect(ref.length).toBeGreaterThan(40);
    expect(times[0].length).toBe(ref.length);
    let worst = 0;
    for (let j = 0; j < ref.length; j++) worst = Math.max(worst, Math.abs(times[0][j] - ref[j]));
    expect(worst).toBeLessThan(1e-9);
  }, 60_000);

  it('agree with the spike-by-spike path: counts, spike times to 1e-9 s, state changes', () => {
    const bursts = run(describeNet(8, MIXED, 2.5));
    const single = run(describeNet(8, MIXED, 2.5, true));
    expect(bursts.net.burstFigures().computed).toBeGreaterThan(0);
    expect(single.net.burstFigures().computed).toBe(0);
    let total = 0;
    for (let g = 0; g < 8; g++) {
      expect(bursts.times[g].length, `receptor ${g}`).toBe(single.times[g].length);
      for (let j = 0; j < single.times[g].length; j++) expect(Math.abs(bursts.times[g][j] - single.times[g][j])).toBeLessThan(1e-9);
      total += single.times[g].length;
    }
    expect(total).toBeGreaterThan(300);
    expect(bursts.times[7].length).toBe(0);
    expect(bursts.states.map((s) => s.split(' ').slice(1).join(' '))).toEqual(single.states.map((s) => s.split(' ').slice(1).join(' ')));
    expect(bursts.states.length).toBeGreaterThan(0);
    // Probes read the phase mid-burst without perturbing the run.
    expect(bursts.samples.length).toBe(2 * 26);
    for (let k = 0; k < bursts.samples.length; k++) expect(Math.abs(bursts.samples[k] - single.samples[k])).toBeLessThan(1e-6);
    expect(Math.max(...bursts.samples)).toBeGreaterThan(0.1);
  });

  it('a uniform region shares its bursts and fires bit for bit as receptors computed one by one', () => {
    const n = 16;
    const shared = run(describeNet(n, [{ kind: 'uniform', population: 'r', waveform: points }], 1.5));
    const alone = run(describeNet(n, [{ kind: 'per-neuron', population: 'r', waveforms: Array.from({ length: n }, () => points) }], 1.5));
    expect(shared.net.burstFigures().shared).toBeGreaterThan(0);
    expect(alone.net.burstFigures().shared).toBe(0);
    expect(shared.times).toEqual(alone.times);
    expect(shared.times[0].length).toBeGreaterThan(40);
    // Initial phases drawn per receptor: rows differ in the phase alone, nothing is shared, every receptor fires its own.
    const spread = (st: StimulusDesc[]): NetworkDescription => ({ ...describeNet(n, st, 1.5), populations: [{ name: 'r', model: 'nociceptor', size: n, initial: { phi: { uniform: [0, 0.9] } } }] });
    const vs = run(spread([{ kind: 'uniform', population: 'r', waveform: points }]));
    const va = run(spread([{ kind: 'per-neuron', population: 'r', waveforms: Array.from({ length: n }, () => points) }]));
    expect(vs.net.burstFigures().computed).toBeGreaterThan(0);
    expect(vs.times).toEqual(va.times);
    expect(new Set(vs.times.map((x) => x[0])).size).toBe(n);
  });

  it('reruns are identical, bit for bit', () => {
    const a = run(describeNet(8, MIXED, 2.5));
    const b = run(describeNet(8, MIXED, 2.5));
    expect(a.times).toEqual(b.times);
    expect(a.states).toEqual(b.states);
  });
});
