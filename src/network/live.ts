/** A built network as a LiveSimulation for the viewer (src/sinks/types.ts). */
import type { LiveSimulation, LiveSink } from '../sinks/types.ts';
import type { Network } from './network.ts';

export function liveNetwork(net: Network, stateNames: readonly string[] = []): LiveSimulation {
  const grid = net.populations.find((p) => p.grid)?.grid;
  net.start();
  return {
    kernel: net.kernel,
    durationS: net.durationS,
    neurons: net.neuronCount,
    probes: net.probes.map((p) => ({ name: p.name, unit: p.unit, threshold: p.threshold })),
    stateNames: stateNames.length > 0 ? stateNames : (net.populations.find((p) => p.model.stateNames)?.model.stateNames ?? []),
    grid,
    attach: (sink: LiveSink) => net.attach(sink),
  };
}

/** The network as a live simulation; probes of `variable` (e.g. a nociceptor's i_A) get a threshold line (e.g. I_nox). */
export function liveWithThreshold(net: Network, thresholdA: number, variable = 'i_A'): LiveSimulation {
  const live = liveNetwork(net);
  return { ...live, probes: live.probes.map((p) => (p.name.endsWith(`.${variable}`) ? { ...p, threshold: thresholdA } : p)) };
}
