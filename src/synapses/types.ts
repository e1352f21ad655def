/**
 * What a synapse kind provides (registry: src/synapses/registry.ts): the
 * validation of its description and its built form for a projection, either
 * static weights (one for all synapses, or one per synapse) or a store of
 * devices (memristors) that transmits each arriving spike. A new kind is one
 * file plus one registry line.
 */
import type { MemristorStore } from './varied.ts';

/** Checks shared with network validation: they throw `network: <where>: <message>`. */
export interface Checks {
  fail(where: string, msg: string): never;
  finite(where: string, v: unknown, min?: number, max?: number): number;
}

export interface SynapseBuildContext {
  /** Synapses of the projection (CSR order). */
  readonly count: number;
  /** Index into per-synapse description arrays (pairs order) of CSR synapse k. */
  sourceOf(k: number): number;
  /** Seed of device k of this projection (device-to-device variation). */
  deviceSeed(k: number): number;
}

export interface BuiltSynapses {
  /** One static weight for every synapse (NaN if not). */
  readonly uniformWeight: number;
  readonly weights: Float64Array | null;
  readonly memristors: MemristorStore | null;
}

export interface SynapseKind<D = any> {
  readonly description: string;
  /** count: synapses when the connectivity fixes it (one-to-one, pairs), else -1. */
  validate(where: string, desc: D, count: number, c: Checks): void;
  build(desc: D, ctx: SynapseBuildContext): BuiltSynapses;
}
