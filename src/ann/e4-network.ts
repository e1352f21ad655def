/**
 * The network of the reproduction (E7, E8): the three-layer perceptron of
 * src/ann/mlp.ts with both weight layers held as differential pairs that
 * follow the E4 LTP/LTD lookup table (src/ann/e4-layer.ts). Same
 * architecture, initial-weight draw (Glorot uniform), minibatch order and
 * learning rate as the float baseline of src/ann/train.ts, so the two differ
 * only in how a weight holds and takes an update.
 */
import { Rng } from '../kernel/rng.ts';
import { Mlp, glorotBound } from './mlp.ts';
import { E4CurveLayer, type E4LayerOptions } from './e4-layer.ts';
import type { E4Table } from './e4-table.ts';
import type { Network } from './train.ts';

export interface E4NetworkConfig {
  readonly hidden: number;
  /** wMax of each layer as a multiple of its Glorot bound. */
  readonly wMaxFactor: number;
  readonly layer: Omit<E4LayerOptions, 'wMax'>;
}

export interface E4Network extends Network {
  readonly layers: readonly E4CurveLayer[];
}

export function buildE4Network(inputs: number, classes: number, cfg: E4NetworkConfig, table: E4Table, seed: number): E4Network {
  if (!Number.isInteger(cfg.hidden) || cfg.hidden < 1) throw new Error(`network: hidden size must be a whole number >= 1, got ${cfg.hidden}`);
  if (!(cfg.wMaxFactor >= 1)) throw new Error(`network: wMaxFactor must be >= 1 (the initial weights must fit the window), got ${cfg.wMaxFactor}`);
  const rng = new Rng(seed);
  const b1 = glorotBound(inputs, cfg.hidden);
  const b2 = glorotBound(cfg.hidden, classes);
  const l1 = new E4CurveLayer(table, inputs + 1, cfg.hidden, { ...cfg.layer, wMax: cfg.wMaxFactor * b1 });
  const l2 = new E4CurveLayer(table, cfg.hidden + 1, classes, { ...cfg.layer, wMax: cfg.wMaxFactor * b2 });
  l1.initRandom(b1, rng);
  l2.initRandom(b2, rng);
  return { variant: 'e4curve', mlp: new Mlp(l1, l2), crossbars: [], layers: [l1, l2] };
}
