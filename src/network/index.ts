/**
 * The network layer: description -> validation -> build -> run on the kernel -> sinks.
 *
 * Usage
 *   const desc: NetworkDescription = {
 *     durationS: 1, seed: 1,
 *     populations: [
 *       { name: 'E', model: 'lif', size: 800, params: { tauMS: 0.02 },
 *         initial: { V: { uniform: [-0.06, -0.05] } } },
 *       { name: 'skin', model: 'nociceptor', size: 64, grid: { width: 8, height: 8 } },
 *     ],
 *     projections: [
 *       { from: 'E', to: 'E', connectivity: { kind: 'fixed-probability', p: 0.02 },
 *         synapse: { kind: 'static', weight: 0.25e-3 }, delayS: 1e-4 },
 *       { name: 'skin->E', from: 'skin', to: 'E', connectivity: { kind: 'pairs', pairs: [[0, 1]] },
 *         synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 1e-3, gain: 1e6 }, delayS: 0,
 *         port: 'excitatory' },
 *     ],
 *     stimuli: [{ kind: 'spot', population: 'skin', cx: 3, cy: 3, radius: 2,
 *                 waveform: { kind: 'pulse-train', amplitudeV: 7, widthS: 0.5, intervalS: 0.5, count: 4 } }],
 *     probes: [{ kind: 'neuron', population: 'E', neurons: [0], variable: 'V', intervalS: 1e-3 }],
 *   };
 *   const net = new Network(desc);          // validates (one-line errors naming the field) and builds
 *   const rec = new SpikeRecorder();        // or any LiveSink (src/sinks/types.ts)
 *   net.attach(rec);
 *   net.run();                              // or net.run(t) slice by slice; net.kernel is the kernel
 *   rec.times, rec.neurons                  // raster (global index = population.offset + i)
 *   rec.samples                             // ColumnTable t_s, probe (channel), value
 *
 * Semantics
 * - Neuron models come from src/neurons/registry.ts; `params` override defaults by key.
 * - Weights are signed; `port` (excitatory 0 / inhibitory 1) selects the input channel.
 * - Delay: one per projection; a spike at t arrives at t + delayS (phase delivery).
 *   A neuron pushed over threshold by an input fires at that same instant (phase spike).
 * - Memristor synapses (src/synapses/memristor.ts): input = gain x pulse charge.
 *   Learning rules: `net.projection(name).memristors.applyPulse(k, vV, widthS, tS)`,
 *   `.conductance(k, tS)`; static weights are `net.projection(name).weights` (CSR order;
 *   synapse k goes from the pre neuron whose row holds k to `targets[k]`; a projection
 *   with one weight creates this array on first access and uses it from then on).
 *   `net.addSpikeListener((t, g) => ...)` is called at every spike (register at build time;
 *   schedule your own kernel kinds in Phase.plasticity for same-instant ordering).
 *   `net.setPlasticity(name, hooks)`: a rule's hooks on one projection, called after each
 *   arrival of a presynaptic spike and at each postsynaptic spike (attachRule in
 *   src/plasticity/network-adapter.ts).
 * - Sources: models declaring sourceNext (spike_trains: given times; poisson) fire at
 *   their own times, one kernel event per spike (phase stimulus).
 * - Stimuli: piecewise-constant drive (A for LIF; the model's drive unit), 0 before the
 *   first edge, last level held; overlapping stimuli add.
 * - Probes: neuron state variables or memristor synapse "conductance"/device state,
 *   sampled at k * intervalS in phase record, without perturbing the simulation.
 * - Populations of a model declaring the lifBlock capability (the "lif" model) run in a
 *   time-invariant form (lif-block.ts: no exp or log per input); their `state` array
 *   shows V, refractory time and drive at the end of each `run` call.
 * - Neuron models may report discrete states (CompiledNeurons.stateCode): changes go to
 *   sink.stateChange(t, neuron, from, to); a model declaring checkIntervalS is
 *   re-evaluated periodically (net.check), one declaring onsetDelay reports onsets
 *   (`net.addOnsetListener`).
 * - Probes of kind "pulses": a per-pulse table (`net.pulseTable`) of the listed neurons.
 * - Devices: a nociceptor population or a memristor projection names a device preset
 *   (`device`), with optional device-to-device `variation` (one draw per device, seeded
 *   by the network seed, the population or projection, and the device index).
 * - Stimulations while running (drive.ts): `net.addDrivePulse({ population, neurons,
 *   amplitude, startS, widthS })` and `net.scaleStimulus(index, factor, atS)`, at times
 *   after the present one; ordered so that adding them before the run gives the same result.
 * - Determinism: connectivity and initial values come from seeded streams derived from
 *   `seed`; ties in time follow the kernel's (time, phase, scheduling order) rule.
 */
export type {
  ConnectivityDesc,
  InitialValue,
  NetworkDescription,
  PopulationDesc,
  ProbeDesc,
  ProjectionDesc,
  StimulusDesc,
  SynapseDesc,
  VariationDesc,
  WaveformDesc,
} from './description.ts';
export { validateNetwork, projectionName } from './validate.ts';
export { Network, type OnsetListener, type PlasticityHooks, type Population, type Projection, type SpikeListener } from './network.ts';
export { registerDevicePreset, devicePresetNames, DEFAULT_DEVICE } from './devices.ts';
export { SpikeRecorder } from './recorder.ts';
export type { DrivePulse } from './drive.ts';
export { liveNetwork, liveWithThreshold } from './live.ts';
export { buildCsr, streamSeed } from './connectivity.ts';
