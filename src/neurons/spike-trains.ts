/**
 * Spike generator: each neuron fires a given, precomputed train of spike
 * times (e.g. recorded data, or an input drawn in advance such as the
 * repeating pattern of Masquelier et al. 2008). No dynamics:
 *
 *   neuron i fires at times[start[i]] .. times[start[i + 1] - 1] (ascending, s)
 *
 * The network runs it as a source (`sourceNext`): one kernel event per
 * spike at the exact listed time, no threshold prediction; inputs and drives
 * are ignored (no trains given: silent). State per neuron: the index of its next spike in its train.
 */
import type { StateVar } from '../devices/types.ts';
import type { CompiledNeurons, NeuronModel } from './types.ts';

export interface SpikeTrainsParams {
  /** CSR row starts, size + 1 entries: neuron i's spikes are times[start[i]] .. times[start[i + 1] - 1]. */
  readonly start: ArrayLike<number>;
  /** Spike times (s), ascending within each neuron's row. */
  readonly times: ArrayLike<number>;
}

export const spikeTrainsDefaults: SpikeTrainsParams = { start: [], times: [] };

const layout: readonly StateVar[] = [{ name: 'next', unit: '1', description: 'index of the next spike in the train', initial: 0, min: 0, max: Infinity }];

class SpikeTrains implements CompiledNeurons {
  readonly stride = 1;
  readonly stateLayout = layout;
  private readonly start: Int32Array;
  private readonly times: Float64Array;

  constructor(p: SpikeTrainsParams, readonly size: number) {
    const where = 'neuron model "spike_trains"';
    // No trains given: every neuron is silent.
    if (p.start.length === 0 && p.times.length === 0) p = { start: new Int32Array(size + 1), times: [] };
    if (p.start.length !== size + 1) throw new Error(`${where}: parameter "start" must have size + 1 = ${size + 1} entries, got ${p.start.length}`);
    this.start = Int32Array.from(p.start);
    this.times = Float64Array.from(p.times);
    if (this.start[0] !== 0 || this.start[size] !== this.times.length) throw new Error(`${where}: "start" must run from 0 to times.length (${this.times.length})`);
    for (let i = 0; i < size; i++) {
      if (!(this.start[i + 1] >= this.start[i])) throw new Error(`${where}: "start" must not decrease (neuron ${i})`);
      for (let k = this.start[i]; k < this.start[i + 1]; k++) {
        const t = this.times[k];
        if (!Number.isFinite(t) || t < 0 || (k > this.start[i] && !(t > this.times[k - 1]))) throw new Error(`${where}: times of neuron ${i} must be finite, >= 0 and increasing (index ${k}: ${t})`);
      }
    }
  }

  init(state: Float64Array, i: number): void {
    state[i] = 0;
  }

  /** The first listed spike of neuron i at or after tS (state: index of the next spike), Infinity after its last. */
  sourceNext(state: Float64Array, i: number, tS: number): number {
    const end = this.start[i + 1];
    let at = this.start[i] + state[i];
    while (at < end && this.times[at] < tS) at++;
    state[i] = at - this.start[i];
    return at < end ? this.times[at] : Infinity;
  }

  advance(): void {}
  receive(): void {}
  setDrive(): void {}
  nextSpikeDelay(): number {
    return Infinity;
  }
  fire(state: Float64Array, i: number): void {
    state[i]++;
  }
}

export const spikeTrainsModel: NeuronModel<SpikeTrainsParams> = {
  name: 'spike_trains',
  description: 'spike generator: precomputed spike times per neuron',
  stateLayout: layout,
  compile: (params, size) => new SpikeTrains(params, size),
};
