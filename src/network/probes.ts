/**
 * Probe channels: one per (probe, neuron) or (probe, synapse), numbered in
 * description order; sample k of channel c is taken at startS + k * intervalS
 * (absolute times, no accumulation) in phase "record", after the instant's
 * inputs and spikes have settled. Reading a neuron copies its state and
 * advances the copy, so probing never perturbs the simulation.
 */
import type { ProbeInfo } from '../sinks/types.ts';
import { PulseTables } from './pulses.ts';
import type { CompiledStimulus } from './stimulus.ts';
import type { NetworkDescription } from './description.ts';
import type { Population, Projection } from './network.ts';

export interface ProbeChannel extends ProbeInfo {
  readonly population: Population | null;
  readonly projection: Projection | null;
  /** Neuron (local) or synapse (CSR) index. */
  readonly index: number;
  /** State variable index; -1 for a synapse's conductance. */
  readonly variable: number;
  readonly intervalS: number;
  readonly startS: number;
}

export function buildProbes(desc: NetworkDescription, pops: readonly Population[], projs: readonly Projection[]): ProbeChannel[] {
  const out: ProbeChannel[] = [];
  (desc.probes ?? []).forEach((pb, k) => {
    if (pb.kind === 'pulses') return;
    if (pb.kind === 'neuron') {
      const p = pops.find((x) => x.name === pb.population)!;
      const variable = p.model.stateLayout.findIndex((s) => s.name === pb.variable);
      const unit = p.model.stateLayout[variable].unit;
      for (const i of pb.neurons) {
        out.push({ name: `${p.name}[${i}].${pb.variable}`, unit, population: p, projection: null, index: i, variable, intervalS: pb.intervalS, startS: 0 });
      }
    } else {
      const pr = projs.find((x) => x.name === pb.projection)!;
      const mem = pr.memristors!;
      for (const s of pb.synapses) {
        if (s >= pr.synapseCount) {
          throw new Error(`network: probes[${k}].synapses: synapse ${s} out of range; projection "${pr.name}" has ${pr.synapseCount}`);
        }
      }
      const layout = mem.layout;
      const variable = pb.variable === 'conductance' ? -1 : layout.findIndex((v) => v.name === pb.variable);
      if (pb.variable !== 'conductance' && variable < 0) {
        throw new Error(`network: probes[${k}].variable: device has no state "${pb.variable}"; expected conductance or ${layout.map((v) => v.name).join(', ')}`);
      }
      const unit = variable < 0 ? 'S' : layout[variable].unit;
      for (const s of pb.synapses) {
        out.push({ name: `${pr.name}[${s}].${pb.variable}`, unit, population: null, projection: pr, index: s, variable, intervalS: pb.intervalS, startS: 0 });
      }
    }
  });
  return out;
}

/**
 * The state of neuron i of p dtS after its last event, into `out` (stride
 * values), without perturbing the run: the neuron is advanced in place (at its
 * own index: models may differ per neuron) and restored from `keep`.
 */
export function sampleNeuron(p: Population, i: number, dtS: number, out: Float64Array, keep: Float64Array): void {
  const m = p.model;
  const st = p.state;
  const o = i * m.stride;
  if (!(dtS > 0)) {
    for (let q = 0; q < m.stride; q++) out[q] = st[o + q];
    return;
  }
  for (let q = 0; q < m.stride; q++) keep[q] = st[o + q];
  m.advance(st, i, dtS);
  for (let q = 0; q < m.stride; q++) {
    out[q] = st[o + q];
    st[o + q] = keep[q];
  }
}

/**
 * The per-pulse probes of a description as one table (null if none): each
 * listed neuron watches the first stimulus covering it that declares pulses.
 */
export function buildPulseTables(desc: NetworkDescription, pops: readonly Population[], stimuli: readonly CompiledStimulus[]): PulseTables | null {
  const probes = (desc.probes ?? []).filter((pb) => pb.kind === 'pulses');
  if (probes.length === 0) return null;
  const watches: Array<{ neuron: number; stimulus: number; variable: number }> = [];
  const seen = new Set<number>();
  for (const pb of probes) {
    const p = pops.find((x) => x.name === pb.population)!;
    const variable = p.model.stateLayout.findIndex((s) => s.name === pb.variable);
    for (const i of pb.neurons) {
      const g = p.offset + i;
      if (seen.has(g)) throw new Error(`network: neuron ${i} of "${p.name}" is in two per-pulse probes`);
      seen.add(g);
      const s = stimuli.findIndex((st) => st.population === p.index && st.pulseStartS.length > 0 && st.neurons.includes(i));
      if (s >= 0) watches.push({ neuron: g, stimulus: s, variable });
    }
  }
  return new PulseTables(probes[0].variable, probes[0].intervalS, watches, stimuli);
}

/** Probed neurons: slot of their sample copy (or -1), the copies (stride values each) and the time, lastT and version each refers to. */
export interface SampleCopies {
  readonly slot: Int32Array;
  readonly values: Float64Array;
  readonly stride: number;
  readonly t: Float64Array;
  readonly lastT: Float64Array;
  readonly ver: Float64Array;
}

/** One copy slot per distinct neuron of `neurons` (global indices), in order of first appearance. */
export function sampleCopies(neuronCount: number, neurons: Iterable<number>, stride: number): SampleCopies {
  const slot = new Int32Array(neuronCount).fill(-1);
  let slots = 0;
  for (const g of neurons) if (slot[g] < 0) slot[g] = slots++;
  return {
    slot,
    values: new Float64Array(slots * stride),
    stride,
    t: new Float64Array(slots).fill(NaN),
    lastT: new Float64Array(slots),
    ver: new Float64Array(slots),
  };
}
