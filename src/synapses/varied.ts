/**
 * Memristor synapses with device-to-device variation: synapse k is its own
 * device, drawn once (src/devices/variation.ts, seeded per device by the
 * builder) and run by its own one-synapse store (memristor.ts), so each
 * keeps the exact closed-form pulse charge of its own parameters. Used only
 * when variation is on: about ten compiled device instances per synapse, so
 * meant for the hundreds to thousands of synapses of device studies; the
 * shared-preset store (one set of instances for the whole projection) is the
 * default.
 */
import type { StateVar } from '../devices/types.ts';
import { MemristorSynapses, type MemristorSynapseSpec } from './memristor.ts';

/** What the network, probes and learning rules use of a memristor synapse store. */
export interface MemristorStore {
  readonly count: number;
  readonly stride: number;
  readonly layout: readonly StateVar[];
  readonly amplitudeV: number;
  readonly widthS: number;
  readonly gain: number;
  readonly lastChargeC: number;
  readonly bytesPerSynapse: number;
  transmit(k: number, tS: number): number;
  applyPulse(k: number, vV: number, widthS: number, atTimeS: number): number;
  conductance(k: number, atTimeS: number): number;
  stateVar(k: number, c: number, atTimeS: number): number;
  setState(k: number, values: ArrayLike<number>, atTimeS: number): void;
}

export class VariedMemristorSynapses implements MemristorStore {
  readonly count: number;
  readonly stride: number;
  readonly layout: readonly StateVar[];
  readonly amplitudeV: number;
  readonly widthS: number;
  readonly gain: number;
  lastChargeC = 0;
  private readonly one: readonly MemristorSynapses[];

  /** deviceParams(k): the drawn parameter set of synapse k's device. */
  constructor(count: number, spec: MemristorSynapseSpec, deviceParams: (k: number) => unknown) {
    this.count = count;
    // Cycle-to-cycle draws of device k: its own seed, so each one-synapse store draws a stream apart.
    this.one = Array.from({ length: count }, (_, k) => new MemristorSynapses(1, { ...spec, deviceParams: deviceParams(k), cycleSeed: ((spec.cycleSeed ?? 0) ^ Math.imul(k + 1, 0x9e3779b9)) | 0 }));
    const first = this.one[0] ?? new MemristorSynapses(0, spec);
    this.stride = first.stride;
    this.layout = first.layout;
    this.amplitudeV = spec.amplitudeV;
    this.widthS = spec.widthS;
    this.gain = spec.gain;
  }

  transmit(k: number, tS: number): number {
    const q = this.one[k].transmit(0, tS);
    this.lastChargeC = this.one[k].lastChargeC;
    return q;
  }

  applyPulse(k: number, vV: number, widthS: number, atTimeS: number): number {
    const q = this.one[k].applyPulse(0, vV, widthS, atTimeS);
    this.lastChargeC = q;
    return q;
  }

  conductance(k: number, atTimeS: number): number {
    return this.one[k].conductance(0, atTimeS);
  }

  stateVar(k: number, c: number, atTimeS: number): number {
    return this.one[k].stateVar(0, c, atTimeS);
  }

  setState(k: number, values: ArrayLike<number>, atTimeS: number): void {
    this.one[k].setState(0, values, atTimeS);
  }

  get bytesPerSynapse(): number {
    return this.stride * 4 + 8;
  }
}
