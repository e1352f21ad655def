/**
 * A second device preset is one JSON file plus one registration: a preset
 * read from a test fixture (the MoSe2 model with every conductance doubled)
 * runs a nociceptor population and a memristor projection, and both see
 * exactly twice the conductance of the built-in preset.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPresetFile } from '../../src/devices/registry.ts';
import { devicePresetNames, unregisterDevicePreset } from '../../src/network/devices.ts';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';

const NAME = 'doubled-test';

function describeOn(device: string | undefined): NetworkDescription {
  return {
    durationS: 0.5,
    seed: 1,
    populations: [
      { name: 'skin', model: 'nociceptor', size: 1, ...(device ? { device } : {}) },
      { name: 'A', model: 'lif', size: 1, params: { restV: -0.04 } },
      { name: 'B', model: 'lif', size: 1 },
    ],
    projections: [{ name: 'AB', from: 'A', to: 'B', connectivity: { kind: 'one-to-one' }, synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 0.005, gain: 1e5, ...(device ? { device } : {}) }, delayS: 0.001 }],
    stimuli: [{ kind: 'uniform', population: 'skin', waveform: { kind: 'constant', value: 2 } }],
    probes: [
      { kind: 'neuron', population: 'skin', neurons: [0], variable: 'i_A', intervalS: 0.1 },
      { kind: 'synapse', projection: 'AB', synapses: [0], variable: 'conductance', intervalS: 0.1 },
    ],
  };
}

function samples(desc: NetworkDescription): { rec: SpikeRecorder; current: Float64Array; conductance: Float64Array } {
  const net = new Network(desc);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return { rec, current: rec.probe(0)[1], conductance: rec.probe(1)[1] };
}

describe('a second device preset from a JSON file', () => {
  beforeAll(() => {
    expect(registerPresetFile(join(import.meta.dirname, 'fixtures', 'doubled-device.json'))).toMatch(/doubled-device\.json$/);
  });
  afterAll(() => {
    unregisterDevicePreset(NAME);
    unregisterDevicePreset(join(import.meta.dirname, 'fixtures', 'doubled-device.json'));
  });

  it('is listed and validated by name; an unknown name is refused with the known ones', () => {
    expect(devicePresetNames()).toContain(NAME);
    expect(() => new Network({ ...describeOn(undefined), populations: [{ name: 'skin', model: 'nociceptor', size: 1, device: 'nope' }] })).toThrow(/populations\[0\] "skin"\.device: unknown device preset "nope"; known: mose2, .*doubled-test/);
  });

  it('runs a nociceptor population and a memristor projection at twice the conductance of the built-in preset', () => {
    const base = samples(describeOn(undefined));
    const twice = samples(describeOn(NAME));
    expect(twice.current.length).toBe(6);
    expect(twice.conductance.length).toBe(6);
    for (let k = 0; k < 6; k++) {
      expect(twice.current[k] / base.current[k]).toBeCloseTo(2, 9);
      expect(twice.conductance[k] / base.conductance[k]).toBeCloseTo(2, 9);
    }
  });
});
