/**
 * Network benchmarks.
 *
 * pulses: programming pulses per second through the crossbar path (stepping
 * the device model, one compiled instance per pulse kind so its caches stay
 * warm; each burst ends with the rest before the read), on a 785 x 100 layer
 * with random sub-pulse and multi-pulse updates.
 *
 * e4-pulses: pulses per second through the E4-curve lookup-table path
 * (src/ann/e4-layer.ts, balanced pairs, with the device's step spread) on the
 * same 785 x 100 layer and updates.
 *
 * epoch: training samples per second (and seconds per epoch) on the 8x8
 * digits (1258 training images, 64-36-10, minibatch 10) for the float
 * baseline, the E4-curve network (the reproduction) and the device-dynamics
 * extension with and without mitigations, and the same for the MNIST-sized
 * network (784-100-10, minibatch 20) on 6000 training images.
 */
import { Rng } from '../src/kernel/rng.ts';
import { loadDigits } from '../src/ann/digits.ts';
import { balancedHead, stratifiedSplit } from '../src/ann/dataset.ts';
import { loadMnist } from '../src/ann/idx.ts';
import { PulseProgrammer } from '../src/ann/programming.ts';
import { CrossbarLayer, DEFAULT_CROSSBAR } from '../src/ann/crossbar.ts';
import { buildNetwork, trainNetwork, type Network, type Variant } from '../src/ann/train.ts';
import { E4Table } from '../src/ann/e4-table.ts';
import { measureStepSpread } from '../src/ann/e4-spread.ts';
import { E4CurveLayer } from '../src/ann/e4-layer.ts';
import { buildE4Network } from '../src/ann/e4-network.ts';
import type { Dataset } from '../src/ann/dataset.ts';
import { timeBest, type BenchModule, type BenchResult } from './types.ts';
import { DEFAULT_DEVICE } from '../src/devices/registry.ts';

function pulseRate(prog: PulseProgrammer): BenchResult {
  const rng = new Rng(1);
  const layer = new CrossbarLayer(prog, 785, 100, { ...DEFAULT_CROSSBAR, wMax: 1 }, rng);
  const grad = new Float64Array(layer.size);
  const g = new Rng(2);
  for (let i = 0; i < grad.length; i++) grad[i] = g.normal() * 0.05;
  let before = 0;
  const s = timeBest(() => {
    before = layer.stats.pulsesLtp + layer.stats.pulsesLtd;
    layer.update(grad, 1, rng);
    for (let i = 0; i < grad.length; i++) grad[i] = -grad[i];
  });
  const pulses = layer.stats.pulsesLtp + layer.stats.pulsesLtd - before;
  return { name: 'ann/crossbar-pulses', value: pulses / s, unit: 'pulses/s', detail: { weights: layer.size, pulsesPerUpdate: pulses } };
}

function e4PulseRate(table: E4Table, sigma: number): BenchResult {
  const rng = new Rng(1);
  const layer = new E4CurveLayer(table, 785, 100, { wMax: 1, c2cSigma: sigma, maxPulsesPerUpdate: table.n, pair: 'balanced' });
  const grad = new Float64Array(layer.size);
  const g = new Rng(2);
  for (let i = 0; i < grad.length; i++) grad[i] = g.normal() * 0.05;
  let before = 0;
  const s = timeBest(() => {
    before = layer.stats.pulsesLtp + layer.stats.pulsesLtd;
    layer.update(grad, 1, rng);
    for (let i = 0; i < grad.length; i++) grad[i] = -grad[i];
  });
  const pulses = layer.stats.pulsesLtp + layer.stats.pulsesLtd - before;
  return { name: 'ann/e4-curve-pulses', value: pulses / s, unit: 'pulses/s', detail: { weights: layer.size, pulsesPerUpdate: pulses, c2cSigma: Number(sigma.toFixed(4)) } };
}

type Kind = Variant | 'e4curve';

function epochTime(name: string, v: Kind, prog: PulseProgrammer, e4: { table: E4Table; sigma: number }, train: Dataset, test: Dataset, hidden: number, batchSize: number): BenchResult {
  const net: Network =
    v === 'e4curve'
      ? buildE4Network(train.features, train.classes, { hidden, wMaxFactor: 8, layer: { c2cSigma: e4.sigma, maxPulsesPerUpdate: e4.table.n, pair: 'balanced' } }, e4.table, 1)
      : buildNetwork(v, train.features, train.classes, { hidden, wMaxFactor: 8, crossbar: { ...DEFAULT_CROSSBAR } }, prog, 1);
  const t0 = performance.now();
  trainNetwork(net, train, test, { epochs: 1, batchSize, learningRate: 0.2, seed: 1 });
  const s = (performance.now() - t0) / 1000;
  return { name, value: train.n / s, unit: 'samples/s', detail: { epochS: Number(s.toFixed(3)), trainSamples: train.n, hidden } };
}

export const annBench: BenchModule = {
  name: 'ann',
  description: 'network training: pulse rates (device dynamics, E4-curve lookup), training throughput',
  run() {
    const prog = new PulseProgrammer(DEFAULT_DEVICE);
    const e4 = { table: E4Table.fromDevice(DEFAULT_DEVICE), sigma: measureStepSpread(1).relStepSpread };
    const digits = stratifiedSplit(loadDigits(), 0.3, 1);
    const mnist = loadMnist();
    const mTrain = balancedHead(mnist.train, 600);
    const mTest = balancedHead(mnist.test, 100);
    const cases: Array<[string, Kind, Dataset, Dataset, number, number]> = [
      ['digits-epoch-float', 'float', digits.train, digits.test, 36, 10],
      ['digits-epoch-e4curve', 'e4curve', digits.train, digits.test, 36, 10],
      ['digits-epoch-device', 'device', digits.train, digits.test, 36, 10],
      ['digits-epoch-mitigated', 'mitigated', digits.train, digits.test, 36, 10],
      ['mnist-epoch-float', 'float', mTrain, mTest, 100, 20],
      ['mnist-epoch-e4curve', 'e4curve', mTrain, mTest, 100, 20],
      ['mnist-epoch-device', 'device', mTrain, mTest, 100, 20],
      ['mnist-epoch-mitigated', 'mitigated', mTrain, mTest, 100, 20],
    ];
    return [
      pulseRate(prog),
      e4PulseRate(e4.table, e4.sigma),
      ...cases.map(([n, v, tr, te, h, b]) => epochTime(`ann/${n}`, v, prog, e4, tr, te, h, b)),
    ];
  },
};
