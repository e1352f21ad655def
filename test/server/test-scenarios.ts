/** Live scenarios only the tests offer: a device pair and one that fails mid-run (loaded by the server's worker threads). */
import { Kernel, Phase } from '../../src/kernel/index.ts';
import { liveDevices } from '../../src/harness/live-device.ts';
import { num } from '../../src/harness/params.ts';
import { pulseTrain } from '../../src/protocols/waveform.ts';
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

/** Holds memory without bound (typed arrays of `mbPerTick` MB every event): the run must be stopped, nothing else. */
export const hogScenario: Scenario = {
  name: 'test-memory-hog',
  experiment: 'test',
  figure: '',
  title: 'A simulation that allocates without bound',
  group: 'device',
  params: [{ key: 'heap', type: 'boolean', default: false, description: 'allocate JS objects (heap) instead of typed arrays' }],
  async run() {
    throw new Error('live only');
  },
  live(params) {
    const kernel = new Kernel();
    const held: unknown[] = [];
    const grow = kernel.registerKind('grow', Phase.stimulus, (_i, _p, tS) => {
      if (params.heap) for (let i = 0; i < 20000; i++) held.push({ i, t: tS, s: `x${i}` });
      else held.push(new Float64Array(4 * 1024 * 1024));
      kernel.schedule(tS + 0.001, grow);
    });
    kernel.schedule(0, grow);
    return { kernel, durationS: 1e6, neurons: 0, probes: [], stateNames: [], attach() {} };
  },
};
