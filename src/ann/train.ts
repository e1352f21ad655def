/**
 * Building and training the three networks a scenario compares, with the
 * same architecture, data, initial weights (as far as the devices can hold
 * them), minibatch order and learning rate:
 *   float      ideal floating-point weights (baseline)
 *   device     weights as differential memristor pairs updated by pulses
 *              (src/ann/crossbar.ts) with the calibrated device
 *   mitigated  the same devices with the mitigations on (crossbar.ts): the
 *              step-aware, closed-loop programming scheme, and refresh of
 *              saturated pairs after every minibatch
 */
import { Rng } from '../kernel/rng.ts';
import type { Dataset } from './dataset.ts';
import { shuffle } from './dataset.ts';
import { CrossbarLayer, DEFAULT_CROSSBAR, type CrossbarOptions } from './crossbar.ts';
import { FloatLayer, Mlp, glorotBound } from './mlp.ts';
import type { PulseProgrammer } from './programming.ts';

export const VARIANTS = ['float', 'device', 'mitigated'] as const;
export type Variant = (typeof VARIANTS)[number];
/** The variants above and the E4-curve network of src/ann/e4-network.ts. */
export type NetworkVariant = Variant | 'e4curve';

export interface NetworkConfig {
  readonly hidden: number;
  /** wMax of each layer as a multiple of its Glorot bound. */
  readonly wMaxFactor: number;
  /** Device non-idealities. */
  readonly crossbar: Omit<CrossbarOptions, 'wMax' | MitigationKey>;
  /** Mitigations the mitigated variant turns on (default MITIGATIONS). */
  readonly mitigations?: Mitigations;
}

export type MitigationKey = 'refresh' | 'stepAware' | 'accumulate';
export type Mitigations = Pick<CrossbarOptions, MitigationKey>;

/** What "mitigations on" means (src/ann/crossbar.ts describes each). */
export const MITIGATIONS: Mitigations = { accumulate: true, stepAware: true, refresh: true };
const NO_MITIGATIONS: Mitigations = { accumulate: false, stepAware: false, refresh: false };

export interface TrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seed of initial weights, minibatch order and stochastic rounding. */
  readonly seed: number;
}

export interface Network {
  readonly variant: NetworkVariant;
  readonly mlp: Mlp;
  /** Empty for the float baseline. */
  readonly crossbars: readonly CrossbarLayer[];
}

export function buildNetwork(variant: Variant, inputs: number, classes: number, cfg: NetworkConfig, prog: PulseProgrammer | null, seed: number): Network {
  if (!Number.isInteger(cfg.hidden) || cfg.hidden < 1) throw new Error(`network: hidden size must be a whole number >= 1, got ${cfg.hidden}`);
  const rng = new Rng(seed);
  const b1 = glorotBound(inputs, cfg.hidden);
  const b2 = glorotBound(cfg.hidden, classes);
  if (variant === 'float') {
    const l1 = new FloatLayer(inputs + 1, cfg.hidden);
    const l2 = new FloatLayer(cfg.hidden + 1, classes);
    l1.initRandom(b1, rng);
    l2.initRandom(b2, rng);
    return { variant, mlp: new Mlp(l1, l2), crossbars: [] };
  }
  if (!prog) throw new Error(`network: variant "${variant}" needs a pulse programmer (device model)`);
  const mit = variant === 'mitigated' ? (cfg.mitigations ?? MITIGATIONS) : NO_MITIGATIONS;
  const opts = (b: number): CrossbarOptions => ({ ...DEFAULT_CROSSBAR, ...cfg.crossbar, wMax: cfg.wMaxFactor * b, ...mit });
  const l1 = new CrossbarLayer(prog, inputs + 1, cfg.hidden, opts(b1), rng);
  const l2 = new CrossbarLayer(prog, cfg.hidden + 1, classes, opts(b2), rng);
  l1.initRandom(b1, rng);
  l2.initRandom(b2, rng);
  return { variant, mlp: new Mlp(l1, l2), crossbars: [l1, l2] };
}

export interface EpochResult {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testAccuracy: number;
  readonly seconds: number;
}

/**
 * Trains for cfg.epochs, evaluating on test after every epoch (epoch 0 is
 * the untrained network). onEpoch sees each result as it comes; onBatch,
 * every 64 minibatches, the epochs done so far (fractional), for progress.
 */
export function trainNetwork(
  net: Network,
  train: Dataset,
  test: Dataset,
  cfg: TrainConfig,
  onEpoch: (r: EpochResult) => void = () => {},
  onBatch?: (epochFraction: number) => void,
): EpochResult[] {
  if (!(cfg.batchSize >= 1) || !(cfg.learningRate > 0) || !(cfg.epochs >= 0)) {
    throw new Error(`training: batchSize >= 1, learningRate > 0 and epochs >= 0 expected, got ${cfg.batchSize}, ${cfg.learningRate}, ${cfg.epochs}`);
  }
  const rng = new Rng(cfg.seed);
  // Read noise draws from its own stream so the float and device networks see the same batches.
  const readRng = new Rng(cfg.seed ^ 0x5eed);
  const order = new Uint32Array(train.n);
  for (let i = 0; i < train.n; i++) order[i] = i;
  const results: EpochResult[] = [];
  const noisy = net.crossbars.some((c) => c.opts.readNoise > 0);
  const evaluate = (): number => {
    if (noisy) for (const c of net.crossbars) c.readAll(readRng);
    return net.mlp.evaluate(test);
  };
  const first: EpochResult = { epoch: 0, trainLoss: NaN, testAccuracy: evaluate(), seconds: 0 };
  results.push(first);
  onEpoch(first);
  for (let e = 1; e <= cfg.epochs; e++) {
    const t0 = performance.now();
    shuffle(order, rng);
    let loss = 0;
    let batches = 0;
    for (let start = 0; start < train.n; start += cfg.batchSize) {
      const end = Math.min(train.n, start + cfg.batchSize);
      if (noisy) for (const c of net.crossbars) c.readAll(readRng);
      loss += net.mlp.trainBatch(train, order, start, end, cfg.learningRate, rng);
      batches++;
      for (const c of net.crossbars) if (c.opts.refresh) c.refreshPairs(rng);
      if (onBatch && batches % 64 === 0) onBatch(e - 1 + end / train.n);
    }
    const r: EpochResult = { epoch: e, trainLoss: loss / batches, testAccuracy: evaluate(), seconds: (performance.now() - t0) / 1000 };
    results.push(r);
    onEpoch(r);
  }
  return results;
}
