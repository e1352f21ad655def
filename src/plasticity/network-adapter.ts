/**
 * Plugs a learning rule into a memristor projection of the network layer
 * (src/network): weights are the conductances of the projection's
 * MemristorStore, changed only through its programming-pulse hook
 * `applyPulse`, and the rule hears presynaptic spikes at their arrival
 * through the projection (after the delay) and postsynaptic spikes at
 * emission, through the network's learning hooks (`net.setPlasticity`).
 *
 * A request dw becomes n = trunc(carry + dw / step) pulses at the fixed
 * amplitude and width, applied as one pulse of n x width (exact for a
 * constant amplitude). The network's synapse store follows its own timing
 * rule: a pulse starts when the device's previous pulse has ended.
 */
import type { Network, Projection } from '../network/index.ts';
import type { MemristorStore } from '../synapses/varied.ts';
import { PlasticityEngine, type Connectivity } from './engine.ts';
import type { ProgrammingPulse } from './memristive-weights.ts';
import { PulseCarry } from './pulse-carry.ts';
import type { CompiledRule, WeightActuator } from './types.ts';

export interface ProjectionPlasticitySpec {
  readonly potentiation: ProgrammingPulse;
  readonly depression: ProgrammingPulse;
  /** Conductances of w = 0 and w = 1 (S). */
  readonly gMinS: number;
  readonly gMaxS: number;
  /** Nominal |dw| of one potentiation / depression pulse. */
  readonly potStep: number;
  readonly depStep: number;
  readonly maxPulsesPerEvent?: number;
}

export class MemristorProjectionWeights implements WeightActuator {
  private readonly pulseCount: PulseCarry;
  private readonly span: number;

  constructor(
    readonly mem: MemristorStore,
    readonly spec: ProjectionPlasticitySpec,
  ) {
    if (!(spec.gMaxS > spec.gMinS)) throw new Error(`projection plasticity: gMaxS (${spec.gMaxS}) must exceed gMinS (${spec.gMinS})`);
    if (!(spec.potStep > 0) || !(spec.depStep > 0)) throw new Error('projection plasticity: potStep and depStep must be > 0');
    this.pulseCount = new PulseCarry(mem.count, spec.maxPulsesPerEvent ?? 1000);
    this.span = spec.gMaxS - spec.gMinS;
  }

  /** Pulses applied (potentiation, depression). */
  get potPulses(): number {
    return this.pulseCount.potPulses;
  }
  get depPulses(): number {
    return this.pulseCount.depPulses;
  }

  weight(s: number, tS: number): number {
    return (this.mem.conductance(s, tS) - this.spec.gMinS) / this.span;
  }

  apply(s: number, dw: number, tS: number): number {
    const n = this.pulseCount.pulses(s, dw, dw > 0 ? this.spec.potStep : this.spec.depStep);
    if (n === 0) return 0;
    const g0 = this.mem.conductance(s, tS);
    const p = n > 0 ? this.spec.potentiation : this.spec.depression;
    this.mem.applyPulse(s, p.amplitudeV, Math.abs(n) * p.widthS, tS);
    return (this.mem.conductance(s, tS) - g0) / this.span;
  }
}

/** Connectivity of a projection in the engine's terms (synapse k = CSR index k). */
export function projectionConnectivity(pr: Projection): Connectivity {
  const m = pr.targets.length;
  const preOf = new Int32Array(m);
  for (let i = 0; i < pr.pre.size; i++) for (let k = pr.offsets[i]; k < pr.offsets[i + 1]; k++) preOf[k] = i;
  return { nPre: pr.pre.size, nPost: pr.post.size, preOf, postOf: Int32Array.from(pr.targets) };
}

/**
 * Runs `rule` on projection `name` of `net` through the network's learning
 * hooks (presynaptic spikes at their arrival, postsynaptic spikes at
 * emission), changing weights through `actuator`; call before running.
 */
export function attachRule(net: Network, name: string, rule: CompiledRule, actuator: WeightActuator): PlasticityEngine {
  const engine = new PlasticityEngine(rule, projectionConnectivity(net.projection(name)), actuator);
  net.setPlasticity(name, engine);
  return engine;
}

/** Attaches `rule` to the memristor projection `name` of `net`; call before running. */
export function attachPlasticity(net: Network, name: string, rule: CompiledRule, spec: ProjectionPlasticitySpec): { engine: PlasticityEngine; weights: MemristorProjectionWeights } {
  const pr = net.projection(name);
  if (!pr.memristors) throw new Error(`projection plasticity: projection "${name}" has static weights; learning rules need memristor synapses`);
  const weights = new MemristorProjectionWeights(pr.memristors, spec);
  return { engine: attachRule(net, name, rule, weights), weights };
}
