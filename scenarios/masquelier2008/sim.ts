/**
 * Pattern learning as a network on the one engine (src/network): a
 * spike-generator population ("spike_trains") replays the input trains; each
 * afferent reaches one adaptive-threshold LIF ("lif_adaptive") through a
 * memristor synapse read below threshold ("memristor_read": the input is
 * epspMaxV * G(t) / gMax, the device read at 0 V); a spike-based rule
 * (src/plasticity) programs the devices with pulses through the network's
 * learning-rule hooks: after each delivery (presynaptic spike) and at each
 * postsynaptic spike. Weight snapshots are read between run slices.
 */
import { Network, type NetworkDescription } from '../../src/network/index.ts';
import type { MemristiveWeights } from '../../src/plasticity/memristive-weights.ts';
import { attachRule } from '../../src/plasticity/network-adapter.ts';
import type { CompiledRule } from '../../src/plasticity/types.ts';
import type { MemristorReadSynapseDesc } from '../../src/synapses/memristor-read.ts';
import type { InputTrains } from './input.ts';

export interface NeuronSpec {
  readonly tauMS: number;
  readonly thresholdV: number;
  readonly refractoryS: number;
  /** Potential after a spike (V): below rest, a spike after-hyperpolarisation that caps the rate. */
  readonly resetV: number;
  /** Jump of the membrane potential for a device at gMax (V). */
  readonly epspMaxV: number;
  /** Threshold increment per postsynaptic spike (V) and its decay time (s); see src/neurons/lif-adaptive.ts. */
  readonly adaptationV: number;
  readonly adaptationTauS: number;
}

export interface LearningRun {
  readonly postSpikesS: Float64Array;
  /** Snapshot k holds weights[k * n .. (k + 1) * n - 1] at snapTimesS[k]. */
  readonly snapTimesS: Float64Array;
  readonly weights: Float64Array;
  readonly conductancesS: Float64Array;
  readonly potPulses: number;
  readonly depPulses: number;
  readonly events: number;
  /** The synapse store (device calibration in syn.cal). */
  readonly syn: MemristiveWeights;
}

/** Synapses: everything of the "memristor_read" kind but its input scale (taken from the neuron). */
export type LearningSynapse = Omit<MemristorReadSynapseDesc, 'kind' | 'inputAtGMax'>;

/** The network: afferents (spike trains) -> one adaptive LIF through memristors read at 0 V. */
export function learningNetwork(input: InputTrains, synapse: LearningSynapse, neuron: NeuronSpec, durationS: number): NetworkDescription {
  const { epspMaxV, ...lif } = neuron;
  return {
    durationS,
    seed: 0,
    populations: [
      { name: 'afferents', model: 'spike_trains', size: input.start.length - 1, params: { start: input.start, times: input.times } },
      { name: 'neuron', model: 'lif_adaptive', size: 1, params: lif },
    ],
    projections: [
      { name: 'synapses', from: 'afferents', to: 'neuron', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'memristor_read', inputAtGMax: epspMaxV, ...synapse }, delayS: 0 },
    ],
  };
}

export function runLearning(
  input: InputTrains,
  rule: CompiledRule,
  synapse: LearningSynapse,
  neuron: NeuronSpec,
  durationS: number,
  snapTimesS: Float64Array,
  onProgress: (fraction: number) => void = () => {},
): LearningRun {
  const n = input.start.length - 1;
  const net = new Network(learningNetwork(input, synapse, neuron, durationS));
  const syn = net.projection('synapses').memristors as MemristiveWeights;
  attachRule(net, 'synapses', rule, syn);
  const post: number[] = [];
  net.addSpikeListener((t, g) => {
    if (g === n) post.push(t);
  });
  const weights = new Float64Array(snapTimesS.length * n);
  const conductances = new Float64Array(snapTimesS.length * n);
  const slices = 50;
  let snap = 0;
  for (let s = 1; s <= slices; s++) {
    const until = (durationS * s) / slices;
    // Snapshots read the devices once every event up to their time has run.
    while (snap < snapTimesS.length && snapTimesS[snap] <= until) {
      const t = snapTimesS[snap];
      net.run(t);
      for (let j = 0; j < n; j++) {
        conductances[snap * n + j] = syn.conductance(j, t);
        weights[snap * n + j] = syn.weight(j, t);
      }
      snap++;
    }
    net.run(until);
    onProgress(s / slices);
  }
  return {
    postSpikesS: Float64Array.from(post),
    snapTimesS,
    weights,
    conductancesS: conductances,
    potPulses: syn.potPulses,
    depPulses: syn.depPulses,
    events: net.kernel.eventsDispatched,
    syn,
  };
}

export interface DecileStats {
  readonly tStartS: number;
  readonly tEndS: number;
  readonly presentations: number;
  readonly hits: number;
  readonly hitRate: number;
  readonly falseAlarms: number;
  readonly noiseS: number;
  readonly falseAlarmPerS: number;
  /** Mean latency (s) from onset to the first postsynaptic spike of each hit; NaN without hits. */
  readonly meanLatencyS: number;
}

/**
 * Hit: a postsynaptic spike within [onset, onset + patternS). False alarm: a
 * postsynaptic spike outside every pattern window, counted per second of
 * pattern-free time. Returned per equal part of the run, plus each
 * presentation's latency (NaN for a miss).
 */
export function scoreRun(post: Float64Array, onsets: Float64Array, patternS: number, durationS: number, parts: number) {
  const latency = new Float64Array(onsets.length).fill(NaN);
  let p = 0;
  let falseAlarmsAll = 0;
  const isFalse = new Uint8Array(post.length);
  for (let k = 0; k < post.length; k++) {
    const t = post[k];
    while (p < onsets.length && onsets[p] + patternS <= t) p++;
    if (p < onsets.length && t >= onsets[p]) {
      if (Number.isNaN(latency[p])) latency[p] = t - onsets[p];
    } else {
      isFalse[k] = 1;
      falseAlarmsAll++;
    }
  }
  const stats: DecileStats[] = [];
  for (let d = 0; d < parts; d++) {
    const t0 = (durationS * d) / parts;
    const t1 = (durationS * (d + 1)) / parts;
    let pres = 0;
    let hits = 0;
    let latSum = 0;
    let patternTime = 0;
    for (let i = 0; i < onsets.length; i++) {
      const o = onsets[i];
      if (o >= t0 && o < t1) {
        pres++;
        if (!Number.isNaN(latency[i])) {
          hits++;
          latSum += latency[i];
        }
      }
      patternTime += Math.max(0, Math.min(o + patternS, t1) - Math.max(o, t0));
    }
    let fa = 0;
    for (let k = 0; k < post.length; k++) if (isFalse[k] && post[k] >= t0 && post[k] < t1) fa++;
    const noiseS = t1 - t0 - patternTime;
    stats.push({
      tStartS: t0,
      tEndS: t1,
      presentations: pres,
      hits,
      hitRate: pres > 0 ? hits / pres : NaN,
      falseAlarms: fa,
      noiseS,
      falseAlarmPerS: noiseS > 0 ? fa / noiseS : NaN,
      meanLatencyS: hits > 0 ? latSum / hits : NaN,
    });
  }
  return { stats, latency, falseAlarmsAll };
}
