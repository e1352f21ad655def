/**
 * Device-to-device variation in networks: every nociceptor and every memristor
 * synapse its own drawn device (seeded per device: the same seed draws the
 * same devices), or one drawn device for a whole population (sameDevice);
 * variation 0 is the preset itself.
 */
import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder, type NetworkDescription, type VariationDesc } from '../../src/network/index.ts';

function desc(seed: number, variation?: VariationDesc): NetworkDescription {
  return {
    durationS: 0.2,
    seed,
    populations: [
      { name: 'skin', model: 'nociceptor', size: 3, ...(variation ? { variation } : {}) },
      { name: 'A', model: 'lif', size: 3, params: { restV: -0.04 } },
      { name: 'B', model: 'lif', size: 3 },
    ],
    projections: [
      {
        name: 'AB',
        from: 'A',
        to: 'B',
        connectivity: { kind: 'one-to-one' },
        synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 0.005, gain: 1e5, ...(variation ? { variation: { deviceToDevice: variation.deviceToDevice } } : {}) },
        delayS: 0.001,
      },
    ],
    stimuli: [{ kind: 'uniform', population: 'skin', waveform: { kind: 'constant', value: 2 } }],
    probes: [
      { kind: 'neuron', population: 'skin', neurons: [0, 1, 2], variable: 'i_A', intervalS: 0.2 },
      { kind: 'synapse', projection: 'AB', synapses: [0, 1, 2], variable: 'conductance', intervalS: 0.2 },
    ],
  };
}

/** Per channel, the last sample (t = 0.2 s): 3 nociceptor currents, then 3 synapse conductances. */
function last(d: NetworkDescription): number[] {
  const net = new Network(d);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return Array.from({ length: 6 }, (_, c) => {
    const v = rec.probe(c)[1];
    return v[v.length - 1];
  });
}

describe('device-to-device variation', () => {
  it('is off at 0: every device is the preset', () => {
    const a = last(desc(1));
    const b = last(desc(1, { deviceToDevice: 0 }));
    expect(b).toEqual(a);
    expect(a[1]).toBe(a[0]);
    expect(a[4]).toBe(a[3]);
  });

  it('draws one device per nociceptor and per synapse, the same for the same seed', () => {
    const v = { deviceToDevice: 0.1 };
    const a = last(desc(1, v));
    expect(last(desc(1, v))).toEqual(a);
    expect(new Set(a.slice(0, 3)).size).toBe(3);
    expect(new Set(a.slice(3, 6)).size).toBe(3);
    const other = last(desc(2, v));
    for (let c = 0; c < 6; c++) expect(other[c]).not.toBe(a[c]);
    // A 10 % spread moves the conductance by about 10 %, not by orders of magnitude.
    const base = last(desc(1));
    for (let c = 0; c < 6; c++) expect(Math.abs(Math.log(a[c] / base[c]))).toBeLessThan(0.6);
  });

  it('sameDevice: one drawn device for the whole population', () => {
    const a = last(desc(1, { deviceToDevice: 0.1, sameDevice: true }));
    expect(a[1]).toBe(a[0]);
    expect(a[2]).toBe(a[0]);
    expect(a[0]).not.toBe(last(desc(1))[0]);
  });
});
