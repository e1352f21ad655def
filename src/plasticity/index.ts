/** Spike-based learning rules on memristor synapses: the public surface. */
export type { CompiledRule, RuleModel, RuleParams, WeightActuator } from './types.ts';
export { traceVar, checkParam } from './types.ts';
export { PlasticityEngine, ClippedWeights, allToAll, csrIndex, type Connectivity } from './engine.ts';
export { pairStdp, type PairStdpParams } from './pair-stdp.ts';
export { tripletStdp, type TripletStdpParams } from './triplet-stdp.ts';
export { rules, compileRule } from './registry.ts';
export { MemristiveWeights, calibrateDevice, type MemristiveWeightsSpec, type ProgrammingPulse, type DeviceCalibration } from './memristive-weights.ts';
export { spikeWaveform, waveformLevel, type SpikeWaveform, type SpikeWaveformSpec } from './spike-waveform.ts';
export { DeviceNativeStdp } from './device-stdp.ts';
export { computeStdpWindow, DEFAULT_SPIKE_WAVEFORM, type StdpWindow } from './stdp-window.ts';
export { windowStdp, type WindowStdpParams } from './window-stdp.ts';
export { attachPlasticity, MemristorProjectionWeights, projectionConnectivity, type ProjectionPlasticitySpec } from './network-adapter.ts';
