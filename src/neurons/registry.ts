/**
 * Neuron registry: a new neuron model is one file plus one line here.
 * Each entry pairs a model with its default parameters; network populations
 * name the model and override parameters by key.
 */
import type { NeuronEntry } from './types.ts';
import { lifDefaults, lifModel } from './lif.ts';
import { lifCubaDefaults, lifCubaModel } from './lif-cuba.ts';
import { nociceptorDefaults, nociceptorModel } from './nociceptor.ts';
import { poissonDefaults, poissonModel } from './poisson.ts';
import { adaptiveLifDefaults, adaptiveLifModel } from './lif-adaptive.ts';
import { spikeTrainsDefaults, spikeTrainsModel } from './spike-trains.ts';

export const neuronModels: Record<string, NeuronEntry<any>> = {
  lif: { model: lifModel, defaults: lifDefaults },
  lif_cuba: { model: lifCubaModel, defaults: lifCubaDefaults },
  nociceptor: { model: nociceptorModel, defaults: nociceptorDefaults, device: true },
  poisson: { model: poissonModel, defaults: poissonDefaults },
  lif_adaptive: { model: adaptiveLifModel, defaults: adaptiveLifDefaults },
  spike_trains: { model: spikeTrainsModel, defaults: spikeTrainsDefaults },
};

export function neuronEntry(name: string): NeuronEntry<any> {
  const e = neuronModels[name];
  if (!e) throw new Error(`unknown neuron model "${name}"; known: ${Object.keys(neuronModels).join(', ')}`);
  return e;
}
