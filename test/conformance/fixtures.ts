/**
 * Per-entry inputs of the conformance suite: a drive that makes each neuron
 * model do something (its unit: A for LIFs, V for receptors), and a small
 * projection description per synapse kind. A registry entry without a
 * fixture fails the suite: a new model or kind comes with its fixture.
 */
import type { SynapseDesc } from '../../src/network/description.ts';

export const NEURON_DRIVE: Readonly<Record<string, number>> = {
  lif: 2e-10,
  lif_cuba: 2e-10,
  nociceptor: 7,
  poisson: 0,
  lif_adaptive: 0,
  spike_trains: 0,
};

export const SYNAPSE_FIXTURE: Readonly<Record<string, SynapseDesc>> = {
  static: { kind: 'static', weight: 0.004 },
  memristor: { kind: 'memristor', amplitudeV: 1.5, widthS: 0.005, gain: 2e5 },
  memristor_read: { kind: 'memristor_read', inputAtGMax: 0.004, potentiation: { amplitudeV: 4, widthS: 0.05 }, depression: { amplitudeV: -3, widthS: 0.05 }, initialWeight: 0.5 },
};

/** Voltages at which every device preset is advanced (V). */
export const DEVICE_VOLTAGES = [0, 0.1, 2, 7] as const;
