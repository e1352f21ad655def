/** Live scenarios the server and viewer tests run: the registry's live ones, a device pair, the synthetic grid. */
import { scenarios } from '../../scenarios/index.ts';
import { Kernel, Phase } from '../../src/kernel/index.ts';
import { liveDevices } from '../../src/harness/live-device.ts';
import { num } from '../../src/harness/params.ts';
import { pulseTrain } from '../../src/protocols/waveform.ts';
import { syntheticGridScenario } from '../../src/server/synthetic.ts';
import type { Scenario } from '../../src/harness/types.ts';

/** Two devices: an innocuous 2 V train and a 7 V train, with the 80 nA threshold line. */
export const devicePairScenario: Scenario = {
  name: 'test-device-pair',
  experiment: 'test',
  figure: '',
  title: 'Innocuous and noxious pulse trains on two devices',
  group: 'device',
  params: [
    { key: 'pulses', type: 'integer', default: 20, min: 1, max: 1000, description: 'pulses per train' },
    { key: 'widthS', type: 'number', default: 0.5, unit: 's', min: 0.001, max: 5, description: 'pulse width' },
  ],
  async run() {
    throw new Error('live only');
  },
  live(params) {
    const count = num(params, 'pulses');
    const widthS = num(params, 'widthS');
    const train = (amplitudeV: number) => pulseTrain({ amplitudeV, widthS, intervalS: widthS, count, readV: 0.1, startS: 0.25 });
    return liveDevices({
      channels: [
        { label: '2 V', waveform: train(2) },
        { label: '7 V', waveform: train(7) },
      ],
      sampleIntervalS: 0.01,
      thresholdA: 80e-9,
    });
  },
};

/** A scenario whose simulation throws at t = 0.5 s: the run must end with an error, the server must not. */
export const failingScenario: Scenario = {
  name: 'test-failing',
  experiment: 'test',
  figure: '',
  title: 'A simulation that fails mid-run',
  group: 'device',
  params: [],
  async run() {
    throw new Error('live only');
  },
  live() {
    const kernel = new Kernel();
    const boom = kernel.registerKind('boom', Phase.stimulus, () => {
      throw new Error('device state became NaN');
    });
    kernel.schedule(0.5, boom);
    return { kernel, durationS: 1, neurons: 0, probes: [], stateNames: [], attach() {} };
  },
};

export const registryLive: readonly Scenario[] = scenarios.filter((s) => typeof s.live === 'function');

export const testScenarios: readonly Scenario[] = [...registryLive, devicePairScenario, syntheticGridScenario, failingScenario];
