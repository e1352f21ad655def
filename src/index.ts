/**
 * memspike as a library: `import { Network, devices, SpikeRecorder } from 'memspike'`.
 *
 * One engine ({@link Network}) runs a plain-data {@link NetworkDescription} on the
 * discrete-event {@link Kernel}; neuron, device and learning-rule models come from
 * registries ({@link neuronModels}, {@link devices}, {@link rules}); results leave
 * through sinks ({@link SpikeRecorder} or any {@link LiveSink}). The article's
 * experiments and the built-in circuits are {@link scenarios}, run with
 * {@link runScenario}. SI units throughout (s, V, A, S).
 *
 * @example
 * ```ts
 * import { Network, SpikeRecorder } from 'memspike';
 *
 * const net = new Network({
 *   durationS: 0.1,
 *   seed: 1,
 *   populations: [{ name: 'cell', model: 'lif', size: 1 }],
 *   stimuli: [{ kind: 'uniform', population: 'cell', waveform: { kind: 'constant', value: 2e-10 } }],
 * });
 * const rec = new SpikeRecorder();
 * net.attach(rec);
 * net.run();
 * console.log(rec.count, rec.times);
 * ```
 *
 * This file only re-exports: each name lives in its module, documented there.
 * @packageDocumentation
 */

// The engine and its description.
export {
  Network,
  SpikeRecorder,
  validateNetwork,
  liveNetwork,
  type ConnectivityDesc,
  type InitialValue,
  type NetworkDescription,
  type PopulationDesc,
  type ProbeDesc,
  type ProjectionDesc,
  type StimulusDesc,
  type SynapseDesc,
  type WaveformDesc,
  type Population,
  type Projection,
  type SpikeListener,
  type DrivePulse,
} from './network/index.ts';
export type { ProbeChannel } from './network/probes.ts';

// The discrete-event kernel.
export { Kernel, Phase, EventQueue, Rng, type EventHandler, type KindInfo, type StopReason } from './kernel/index.ts';

// Model registries: neurons, devices (memristors), learning rules.
export { neuronModels, neuronEntry } from './neurons/registry.ts';
export type { CompiledNeurons, NeuronEntry, NeuronModel } from './neurons/types.ts';
export { devices, compileDevice, type DeviceEntry } from './devices/registry.ts';
export type { CompiledDevice, DeviceModel, StateVar } from './devices/types.ts';
export type { Mose2Params, MemristorComponentParams } from './devices/mose2.ts';
export { MemristorSynapses, type MemristorSynapseSpec } from './synapses/memristor.ts';
export {
  rules,
  compileRule,
  attachPlasticity,
  PlasticityEngine,
  type CompiledRule,
  type RuleModel,
  type RuleParams,
  type ProjectionPlasticitySpec,
  type WeightActuator,
  type Connectivity,
  type MemristorProjectionWeights,
  type ProgrammingPulse,
} from './plasticity/index.ts';

// Stimulus waveforms.
export { pulseTrain, piecewise, concat, levelAt, type Waveform, type PulseTrainSpec, type PulseInfo } from './protocols/waveform.ts';

// Sinks and tables.
export { ColumnTable } from './record/table.ts';
export type { LiveSink, LiveSimulation, ProbeInfo } from './harness/types.ts';

// Circuit files: load (JSON or a .ts module), validate (errors name the file, JSON path and what was expected), compile;
// the stimulation log a live run writes and `memspike run --stimulation` replays.
export { loadCircuit, loadCircuitSync, prepareCircuit, validateCircuit, readCircuitFile, CircuitError, type LoadedCircuit, type LoadOptions } from './circuit/load.ts';
export { circuitSchema, circuitJsonSchema, type Circuit } from './circuit/schema.ts';
export { compileCircuit } from './circuit/compile.ts';
export { circuitScenario } from './circuit/scenario.ts';
export {
  readStimulationLog,
  checkStimulation,
  applyStimulation,
  stimulationTime,
  StimulationError,
  STIMULATION_LIMITS,
  type Stimulation,
  type StimulationLog,
  type SpotStimulation,
  type AmplitudeStimulation,
} from './circuit/stimulation.ts';

// Scenarios (the article's experiments, the built-in circuits) and their runner.
export { scenarios, findScenario } from '../scenarios/index.ts';
export { runScenario, DEFAULT_SEED, type RunOptions } from './harness/runner.ts';
export type { Scenario, ScenarioGroup, ScenarioOutput, ScenarioSummary, Metric, Params, ParamSpec, ParamValue, RunContext } from './harness/types.ts';
export { consoleProgress, silentProgress, type Progress } from './report/progress.ts';

export { version } from './version.ts';
