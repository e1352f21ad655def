/**
 * One LIF neuron (neuron.ts: instantaneous synaptic jumps, adaptive threshold) listening
 * to every afferent through a memristor synapse whose weight is the device
 * conductance, learning with a spike-based rule (src/plasticity) that
 * programs the devices with pulses. Runs on the event kernel:
 *   input   (phase delivery)    afferent j spikes: the neuron receives a jump
 *                               epspMaxV * G(t) / gMax (a sub-threshold read of the
 *                               device), then the rule sees the presynaptic spike
 *   post    (phase spike)       the neuron crossed threshold at this instant: it
 *                               fires and the rule sees the postsynaptic spike
 *   snap    (phase record)      weight snapshot
 * Each afferent has one pending event at a time (its next spike).
 */
import { Kernel, Phase } from '../../src/kernel/index.ts';
import { PlasticityEngine, allToAll } from '../../src/plasticity/engine.ts';
import type { MemristiveWeights } from '../../src/plasticity/memristive-weights.ts';
import type { CompiledRule } from '../../src/plasticity/types.ts';
import type { InputTrains } from './input.ts';
import { AdaptiveLif } from './neuron.ts';

export interface NeuronSpec {
  readonly tauMS: number;
  readonly thresholdV: number;
  readonly refractoryS: number;
  /** Potential after a spike (V): below rest, a spike after-hyperpolarisation that caps the rate. */
  readonly resetV: number;
  /** Jump of the membrane potential for a device at gMax (V). */
  readonly epspMaxV: number;
  /** Threshold increment per postsynaptic spike (V) and its decay time (s); see neuron.ts. */
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
}

export function runLearning(
  input: InputTrains,
  rule: CompiledRule,
  syn: MemristiveWeights,
  neuron: NeuronSpec,
  durationS: number,
  snapTimesS: Float64Array,
  onProgress: (fraction: number) => void = () => {},
): LearningRun {
  const n = input.start.length - 1;
  const lif = new AdaptiveLif(neuron);
  const engine = new PlasticityEngine(rule, allToAll(n, 1), syn);
  const jumpPerS = neuron.epspMaxV / syn.cal.gMaxS;
  const kernel = new Kernel();
  const post: number[] = [];
  let postPending = false;
  const weights = new Float64Array(snapTimesS.length * n);
  const conductances = new Float64Array(snapTimesS.length * n);

  const kPost = kernel.registerKind('post', Phase.spike, (_i, _p, t) => {
    postPending = false;
    if (!lif.aboveThreshold(t)) return;
    lif.fire(t);
    post.push(t);
    engine.postSpike(0, t);
  });
  const kInput = kernel.registerKind('input', Phase.delivery, (j, k, t) => {
    if (lif.receive(t, jumpPerS * syn.conductance(j, t)) && !postPending) {
      postPending = true;
      kernel.schedule(t, kPost, 0);
    }
    engine.preSpike(j, t);
    if (k + 1 < input.start[j + 1]) kernel.schedule(input.times[k + 1], kInput, j, k + 1);
  });
  const kSnap = kernel.registerKind('snap', Phase.record, (k, _p, t) => {
    for (let s = 0; s < n; s++) {
      conductances[k * n + s] = syn.conductance(s, t);
      weights[k * n + s] = syn.weight(s, t);
    }
  });

  for (let j = 0; j < n; j++) {
    if (input.start[j + 1] > input.start[j]) kernel.schedule(input.times[input.start[j]], kInput, j, input.start[j]);
  }
  snapTimesS.forEach((t, k) => kernel.schedule(t, kSnap, k));
  const slices = 50;
  for (let s = 1; s <= slices; s++) {
    kernel.run((durationS * s) / slices);
    onProgress(s / slices);
  }
  return {
    postSpikesS: Float64Array.from(post),
    snapTimesS,
    weights,
    conductancesS: conductances,
    potPulses: syn.potPulses,
    depPulses: syn.depPulses,
    events: kernel.eventsDispatched,
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
