/**
 * Poisson spike source with a sensitisation-like state (a synthetic load for
 * the viewer and stream benchmarks, not a physiological model):
 *
 *   spikes: a Poisson process of rate r; interval k of neuron i is
 *     -ln(u) / r, u = hash(seed, i, k) in (0, 1]  (counter-based, so the train
 *     does not depend on the order in which neurons are visited)
 *   state:  every sensitiseAfter-th spike moves the neuron up one level
 *     (0 normal, 1 allodynia, 2 hyperalgesia); recoverS after the last move
 *     it is back to normal (level and spike count reset), seen at the next
 *     event touching it or the next periodic check (checkIntervalS).
 *
 * State per neuron: time left to the next spike (s), spikes since the last
 * recovery, level, time since the last level change (s), spike counter k.
 * Exact: advance only subtracts and adds elapsed time. The network runs it
 * as a source (sourceNext: one kernel event per spike, no crossing heap).
 */
import type { StateVar } from '../devices/types.ts';
import type { CompiledNeurons, NeuronModel } from './types.ts';

export interface PoissonParams {
  readonly rateHz: number;
  readonly seed: number;
  readonly sensitiseAfter: number;
  readonly recoverS: number;
  readonly checkIntervalS: number;
}

export const poissonDefaults: PoissonParams = { rateHz: 20, seed: 0, sensitiseAfter: 40, recoverS: 1.5, checkIntervalS: 0.05 };

export const POISSON_STATES = ['normal', 'allodynia', 'hyperalgesia'] as const;

const LEFT = 0;
const COUNT = 1;
const LEVEL = 2;
const SINCE = 3;
const K = 4;

const layout: readonly StateVar[] = [
  { name: 'left_s', unit: 's', description: 'time to the next spike', initial: 0, min: 0, max: Infinity },
  { name: 'count', unit: '1', description: 'spikes since the last recovery', initial: 0, min: 0, max: Infinity },
  { name: 'level', unit: '1', description: 'state level (0 normal, 1 allodynia, 2 hyperalgesia)', initial: 0, min: 0, max: 2 },
  { name: 'since_s', unit: 's', description: 'time since the last level change', initial: 0, min: 0, max: Infinity },
  { name: 'k', unit: '1', description: 'spike counter (index of the next interval)', initial: 0, min: 0, max: Infinity },
];

/** u in (0, 1] from (seed, neuron, k): splitmix-style integer hash. */
function unit(seed: number, i: number, k: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(i + 1, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return (z + 1) / 4294967296;
}

class Poisson implements CompiledNeurons {
  readonly stride = layout.length;
  readonly stateLayout = layout;
  readonly stateNames = POISSON_STATES;
  readonly checkIntervalS: number;

  constructor(readonly p: PoissonParams, readonly size: number) {
    if (!(p.rateHz > 0)) throw new Error(`neuron model "poisson": parameter "rateHz" must be > 0 Hz, got ${p.rateHz}`);
    if (!(Number.isInteger(p.sensitiseAfter) && p.sensitiseAfter >= 1)) throw new Error(`neuron model "poisson": parameter "sensitiseAfter" must be a whole number >= 1, got ${p.sensitiseAfter}`);
    if (!(p.recoverS > 0)) throw new Error(`neuron model "poisson": parameter "recoverS" must be > 0 s, got ${p.recoverS}`);
    this.checkIntervalS = p.checkIntervalS;
  }

  init(state: Float64Array, i: number): void {
    const o = i * this.stride;
    state[o + COUNT] = 0;
    state[o + LEVEL] = 0;
    state[o + SINCE] = 0;
    state[o + K] = 1;
    state[o + LEFT] = -Math.log(unit(this.p.seed, i, 0)) / this.p.rateHz;
  }

  advance(state: Float64Array, i: number, dtS: number): void {
    const o = i * this.stride;
    state[o + LEFT] = Math.max(0, state[o + LEFT] - dtS);
    state[o + SINCE] += dtS;
  }

  receive(): void {}

  setDrive(): void {}

  /** A source: spikes come from sourceNext. */
  nextSpikeDelay(): number {
    return Infinity;
  }

  /** The next spike: the interval left from tS (the start, or the spike just fired). */
  sourceNext(state: Float64Array, i: number, tS: number): number {
    return tS + state[i * this.stride + LEFT];
  }

  fire(state: Float64Array, i: number): void {
    const o = i * this.stride;
    if (state[o + LEVEL] > 0 && state[o + SINCE] >= this.p.recoverS) {
      state[o + LEVEL] = 0;
      state[o + COUNT] = 0;
    }
    if (++state[o + COUNT] % this.p.sensitiseAfter === 0 && state[o + LEVEL] < 2) {
      state[o + LEVEL]++;
      state[o + SINCE] = 0;
    }
    const k = state[o + K]++;
    state[o + LEFT] = -Math.log(unit(this.p.seed, i, k)) / this.p.rateHz;
  }

  stateCode(state: Float64Array, i: number): number {
    const o = i * this.stride;
    return state[o + LEVEL] > 0 && state[o + SINCE] >= this.p.recoverS ? 0 : state[o + LEVEL];
  }
}

export const poissonModel: NeuronModel<PoissonParams> = {
  name: 'poisson',
  description: 'Poisson spike source with a synthetic sensitisation state (load source for the viewer)',
  stateLayout: layout,
  compile: (params, size) => new Poisson(params, size),
};
