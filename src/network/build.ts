/**
 * Building a network's flat arrays from a validated description: populations
 * (compiled neuron models, initial state), projections (CSR connectivity,
 * weights or memristor synapses) and delivery groups (the projections a spike
 * of a population reaches at the same delay share one delivery event).
 */
import { Rng } from '../kernel/rng.ts';
import { neuronEntry } from '../neurons/registry.ts';
import type { CompiledNeurons } from '../neurons/types.ts';
import { synapseKind } from '../synapses/registry.ts';
import type { MemristorStore } from '../synapses/varied.ts';
import type { NetworkDescription, PopulationDesc } from './description.ts';
import { compileDeviceFor, DEFAULT_DEVICE } from './devices.ts';
import { PerDeviceNeurons } from './per-device.ts';
import { buildCsr, streamSeed } from './connectivity.ts';
import { projectionName } from './validate.ts';

export interface Population {
  readonly name: string;
  readonly index: number;
  readonly model: CompiledNeurons;
  readonly size: number;
  /** Global index of neuron 0 (spikes report offset + i). */
  readonly offset: number;
  readonly state: Float64Array;
  readonly grid?: { readonly width: number; readonly height: number };
  /** Sum of the external drives of each neuron. */
  readonly drive: Float64Array;
}

/**
 * Targets of a projection. 16-bit indices halve the bytes the delivery loop
 * streams (benchmark 4: 1.28 MB of 32-bit targets did not fit the 512 KiB L2
 * beside the neuron records; the load of each row was the loop's top stall).
 */
export type TargetIndices = Int32Array | Uint16Array;

export interface Projection {
  readonly name: string;
  readonly index: number;
  readonly pre: Population;
  readonly post: Population;
  readonly offsets: Int32Array;
  /** Post neuron (local index) of each synapse, CSR order; 16-bit when the post population has at most 65 536 neurons. */
  readonly targets: TargetIndices;
  /**
   * Static weights (one per synapse, CSR order), or null for memristor
   * synapses. A projection with one weight for all synapses creates this array
   * on first access (learning rules may then change it); until then its
   * deliveries use uniformWeight and the synapses cost no weight memory.
   */
  readonly weights: Float64Array | null;
  /** The common static weight while `weights` has not been created, else NaN. */
  readonly uniformWeight: number;
  readonly memristors: MemristorStore | null;
  readonly delayS: number;
  readonly port: number;
  readonly synapseCount: number;
}

/** Seed of device k of population or projection `owner` (streams apart from connectivity and initial values). */
export function deviceSeed(seed: number, owner: number, k: number): number {
  return streamSeed(streamSeed(seed, 50_000 + owner), k);
}

/**
 * A population's compiled model: for models with a device, the preset it
 * names; with device-to-device variation, one drawn device per neuron (or
 * one for the whole population when variation.sameDevice).
 */
function compilePopulation(desc: NetworkDescription, p: PopulationDesc, index: number): CompiledNeurons {
  const entry = neuronEntry(p.model);
  const params = { ...(entry.defaults as object), ...(p.params ?? {}) };
  if (!entry.device) return entry.model.compile(params, p.size);
  const name = p.device ?? DEFAULT_DEVICE;
  const sigma = p.variation?.deviceToDevice ?? 0;
  // Cycle-to-cycle variation: per-pulse draws seeded by (seed, population) and the receptor's number.
  const c2c = p.variation?.cycleToCycle ?? 0;
  const cycles = (first: number) => (c2c > 0 ? { cycleToCycle: c2c, cycleSeed: deviceSeed(desc.seed, index, p.size), cycleFirstIndex: first } : {});
  if (!(sigma > 0) || p.variation?.sameDevice) {
    return entry.model.compile({ ...params, ...cycles(0), device: compileDeviceFor(name, undefined, sigma, deviceSeed(desc.seed, index, 0)) }, p.size);
  }
  const models = Array.from({ length: p.size }, (_, i) => entry.model.compile({ ...params, ...cycles(i), device: compileDeviceFor(name, undefined, sigma, deviceSeed(desc.seed, index, i)) }, 1));
  return new PerDeviceNeurons(p.size, models);
}

export function buildPopulations(desc: NetworkDescription): Population[] {
  let offset = 0;
  return desc.populations.map((p, index) => {
    const model = compilePopulation(desc, p, index);
    const state = new Float64Array(p.size * model.stride);
    for (let i = 0; i < p.size; i++) model.init(state, i);
    const rng = new Rng(streamSeed(desc.seed, 1000 + index));
    for (const [name, v] of Object.entries(p.initial ?? {})) {
      const c = model.stateLayout.findIndex((s) => s.name === name);
      for (let i = 0; i < p.size; i++) {
        state[i * model.stride + c] = typeof v === 'number' ? v : rng.uniform(v.uniform[0], v.uniform[1]);
      }
    }
    const pop: Population = { name: p.name, index, model, size: p.size, offset, state, grid: p.grid, drive: new Float64Array(p.size) };
    offset += p.size;
    return pop;
  });
}

export function buildProjections(desc: NetworkDescription, popByName: ReadonlyMap<string, Population>): Projection[] {
  return (desc.projections ?? []).map((pr, index) => {
    const pre = popByName.get(pr.from)!;
    const post = popByName.get(pr.to)!;
    const csr = buildCsr(pr.connectivity, pre.size, post.size, pre === post, new Rng(streamSeed(desc.seed, index)));
    const m = csr.targets.length;
    const built = synapseKind(pr.synapse.kind).build(pr.synapse, {
      count: m,
      sourceOf: (k) => (csr.source ? csr.source[k] : k),
      // Device k of the projection: its own draw, seeded by (seed, projection, k); the owner stream is apart from populations'.
      deviceSeed: (k) => deviceSeed(desc.seed, 100_000 + index, k),
    });
    const targets = post.size <= 0x10000 ? Uint16Array.from(csr.targets) : csr.targets;
    return new CompiledProjection(projectionName(pr, index), index, pre, post, csr.offsets, targets, built.weights, built.uniformWeight, built.memristors, pr.delayS, pr.port === 'inhibitory' ? 1 : 0);
  });
}

/**
 * One class for every projection, so the delivery path reads its fields
 * through one hidden class (an object literal with getters gave each
 * projection its own, and the delivery site went polymorphic).
 */
class CompiledProjection implements Projection {
  readonly synapseCount: number;
  constructor(
    readonly name: string,
    readonly index: number,
    readonly pre: Population,
    readonly post: Population,
    readonly offsets: Int32Array,
    readonly targets: TargetIndices,
    private weightArray: Float64Array | null,
    private uniform: number,
    readonly memristors: MemristorStore | null,
    readonly delayS: number,
    readonly port: number,
  ) {
    this.synapseCount = targets.length;
  }

  get weights(): Float64Array | null {
    if (this.weightArray === null && !Number.isNaN(this.uniform)) {
      this.weightArray = new Float64Array(this.synapseCount).fill(this.uniform);
      this.uniform = NaN;
    }
    return this.weightArray;
  }

  get uniformWeight(): number {
    return this.uniform;
  }
}

/**
 * Delivery groups: per population, the group ids its spikes schedule; per
 * group, its projections (in description order) and their common delay.
 * One kernel event per (spike, group) instead of per (spike, projection):
 * the projections of a group were scheduled back to back at the same time
 * and phase anyway, so the order of deliveries is unchanged.
 */
export interface DeliveryGroups {
  readonly ofPopulation: readonly Int32Array[];
  readonly projections: readonly Int32Array[];
  readonly delayS: Float64Array;
}

export function deliveryGroups(pops: readonly Population[], projs: readonly Projection[]): DeliveryGroups {
  const ofPopulation: Int32Array[] = [];
  const projections: Int32Array[] = [];
  const delays: number[] = [];
  for (const p of pops) {
    const ids: number[] = [];
    const byDelay = new Map<number, number[]>();
    for (const pr of projs) {
      if (pr.pre !== p) continue;
      let list = byDelay.get(pr.delayS);
      if (!list) {
        list = [];
        byDelay.set(pr.delayS, list);
        ids.push(projections.length + byDelay.size - 1);
        delays.push(pr.delayS);
      }
      list.push(pr.index);
    }
    for (const list of byDelay.values()) projections.push(Int32Array.from(list));
    ofPopulation.push(Int32Array.from(ids));
  }
  return { ofPopulation, projections, delayS: Float64Array.from(delays) };
}
