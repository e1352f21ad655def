/** Shared by the LIF-block tests: the generic V-form path to compare with, and a run's raster. */
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { lifDefaults, lifModel } from '../../src/neurons/lif.ts';
import type { CompiledNeurons, NeuronModel } from '../../src/neurons/types.ts';

/** The same LIF without the lifBlock capability: the network runs it through the generic V-form path, one kernel event per crossing. */
export const vForm: NeuronModel<typeof lifDefaults> = {
  name: 'lif_vform',
  description: 'test model',
  stateLayout: lifModel.stateLayout,
  compile: (params, size) => Object.assign(Object.create(lifModel.compile(params, size)) as CompiledNeurons, { lifBlock: undefined }),
};

export function raster(desc: NetworkDescription): SpikeRecorder {
  const net = new Network(desc);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return rec;
}
