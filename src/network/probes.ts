/**
 * Probe channels: one per (probe, neuron) or (probe, synapse), numbered in
 * description order; sample k of channel c is taken at startS + k * intervalS
 * (absolute times, no accumulation) in phase "record", after the instant's
 * inputs and spikes have settled. Reading a neuron copies its state and
 * advances the copy, so probing never perturbs the simulation.
 */
import type { ProbeInfo } from '../harness/types.ts';
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
