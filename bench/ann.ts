/**
 * Network benchmarks.
 *
 * pulses: programming pulses per second through the crossbar path (stepping
 * the device model, one compiled instance per pulse kind so its caches stay
 * warm; each burst ends with the rest before the read), on a 785 x 100 layer
 * with random sub-pulse and multi-pulse updates.
 *
 * epoch: seconds per training epoch on the 8x8 digits (1258 training images,
 * 64-36-10, minibatch 10) for the float baseline and the device-aware
 * network with and without mitigations, and samples per second of the
 * MNIST-sized network (784-100-10, minibatch 20) on 6000 training images.
 */
import { Rng } from '../src/kernel/rng.ts';
import { loadDigits } from '../src/ann/digits.ts';
import { balancedHead, stratifiedSplit } from '../src/ann/dataset.ts';
import { loadMnist } from '../src/ann/idx.ts';
import { PulseProgrammer } from '../src/ann/programming.ts';
import { CrossbarLayer, DEFAULT_CROSSBAR } from '../src/ann/crossbar.ts';
import { buildNetwork, trainNetwork, type Variant } from '../src/ann/train.ts';
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

function epochTime(name: string, v: Variant, prog: PulseProgrammer, train: Dataset, test: Dataset, hidden: number, batchSize: number): BenchResult {
  const net = buildNetwork(v, train.features, train.classes, { hidden, wMaxFactor: 8, crossbar: { ...DEFAULT_CROSSBAR } }, prog, 1);
  const t0 = performance.now();
  trainNetwork(net, train, test, { epochs: 1, batchSize, learningRate: 0.2, seed: 1 });
  const s = (performance.now() - t0) / 1000;
  return { name, value: train.n / s, unit: 'samples/s', detail: { epochS: Number(s.toFixed(3)), trainSamples: train.n, hidden } };
}

export const annBench: BenchModule = {
  name: 'ann',
  description: 'device-aware network training: crossbar pulse rate, training throughput',
  run() {
    const prog = new PulseProgrammer(DEFAULT_DEVICE);
    const digits = stratifiedSplit(loadDigits(), 0.3, 1);
    const mnist = loadMnist();
    const mTrain = balancedHead(mnist.train, 600);
    const mTest = balancedHead(mnist.test, 100);
    return [
      pulseRate(prog),
      epochTime('ann/digits-epoch-float', 'float', prog, digits.train, digits.test, 36, 10),
      epochTime('ann/digits-epoch-device', 'device', prog, digits.train, digits.test, 36, 10),
      epochTime('ann/digits-epoch-mitigated', 'mitigated', prog, digits.train, digits.test, 36, 10),
      epochTime('ann/mnist-epoch-float', 'float', prog, mTrain, mTest, 100, 20),
      epochTime('ann/mnist-epoch-device', 'device', prog, mTrain, mTest, 100, 20),
      epochTime('ann/mnist-epoch-mitigated', 'mitigated', prog, mTrain, mTest, 100, 20),
    ];
  },
};
