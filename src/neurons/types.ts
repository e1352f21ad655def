/**
 * What every neuron model provides. A population's state lives in one flat
 * Float64Array (stride values per neuron); functions bring neuron i forward
 * exactly to an event time, apply the event, and predict the next threshold
 * crossing, so the kernel only visits neurons when something happens.
 *
 * Event-driven protocol used by the network builder (src/network), per neuron i:
 *   advance(state, i, dtS)            exact free evolution over dtS
 *   receive(state, i, weight, port)   an input arrives (port: 0 excitatory, 1 inhibitory, ...)
 *   setDrive(state, i, value)         piecewise-constant external drive (current, or stimulus voltage for receptors)
 *   nextSpikeDelay(state, i)          time until the next spike if nothing else arrives (Infinity if none)
 *   fire(state, i)                    the spike happened: reset, start refractoriness
 *
 * Conventions the network relies on:
 * - `weight` is signed and carries the effect (a LIF adds it to V; an
 *   inhibitory static synapse has a negative weight). `port` only selects the
 *   input channel (0 = excitatory, 1 = inhibitory) for models with separate
 *   synaptic currents; models with a single channel may ignore it.
 * - `nextSpikeDelay` returns 0 when the neuron is at or above threshold now;
 *   the network then fires it at the current time (phase "spike", after all
 *   deliveries of that instant).
 * - `advance` must compose: advance(a) then advance(b) equals advance(a + b)
 *   up to rounding (the network advances lazily, in arbitrary pieces).
 * - Neuron index i is local to the population; the state offset is i * stride.
 */
import type { StateVar } from '../devices/types.ts';
import type { LifParams } from './lif.ts';

export interface CompiledNeurons {
  readonly stride: number;
  readonly stateLayout: readonly StateVar[];
  readonly size: number;
  init(state: Float64Array, i: number): void;
  advance(state: Float64Array, i: number, dtS: number): void;
  receive(state: Float64Array, i: number, weight: number, port: number): void;
  setDrive(state: Float64Array, i: number, value: number): void;
  /**
   * horizonS (optional): the caller only acts on a spike earlier than this
   * delay; a model may then return Infinity for any later spike (saves work).
   */
  nextSpikeDelay(state: Float64Array, i: number, horizonS?: number): number;
  fire(state: Float64Array, i: number): void;
  /**
   * Optional: a small integer naming the neuron's discrete state (e.g. 0 rest,
   * 1 alarmed, 2 sensitised); index into `stateNames`. When present, the
   * network reports changes of it to the sink (`stateChange`) after every
   * event that touched the neuron.
   */
  stateCode?(state: Float64Array, i: number): number;
  /**
   * Optional promise: fire() never changes the state code (e.g. a nociceptor,
   * whose code depends on its device, not on its phase), so the network skips
   * the re-evaluation after each spike.
   */
  readonly fireKeepsStateCode?: boolean;
  /** Names of the codes returned by stateCode. */
  readonly stateNames?: readonly string[];
  /**
   * Optional fused path for one synaptic input, preferred by the network:
   * equivalent to advance(state, i, dtS); receive(state, i, weight, port);
   * nextSpikeDelay(state, i, horizonS), except that it may return Infinity
   * whenever the input cannot make the next spike earlier than horizonS
   * (e.g. an ignored or negative input). One call per synaptic event.
   */
  input?(state: Float64Array, i: number, dtS: number, weight: number, port: number, horizonS: number): number;
  /**
   * Optional promise: an input with a negative weight never makes the next
   * spike earlier (true for LIF-type models). The network then skips the
   * crossing prediction after such inputs (the pending one is rechecked when
   * reached), saving a logarithm per inhibitory event.
   */
  readonly negativeInputDelaysSpike?: boolean;
  /**
   * Optional threshold onsets: time (s) until a monitored quantity of neuron
   * i rises above its threshold under the present drive (0 if above now,
   * Infinity if never), e.g. a nociceptor's current crossing I_nox. It may
   * depend on the drive and the model's slow state only, not on inputs: the
   * network predicts it at drive changes and reports each rise as an onset.
   */
  onsetDelay?(state: Float64Array, i: number): number;
  /** With onsetDelay: whether the monitored quantity is above its threshold now (cheap test at edges). */
  onsetAbove?(state: Float64Array, i: number): boolean;
  /**
   * Optional periodic state check (s): every interval, in phase "record", the
   * network brings the population forward and re-evaluates stateCode, so a
   * state that changes by relaxation alone is seen without any input.
   */
  readonly checkIntervalS?: number;
  /**
   * Optional capability: the model is a time-invariant LIF with these
   * parameters, so the network may run the population as a LIF block
   * (src/network/lif-block.ts) instead of neuron by neuron.
   */
  readonly lifBlock?: LifParams;
  /**
   * Optional capability: the population is a spike source. Called at the
   * start (tS = start time) and after each spike of neuron i at tS (after
   * fire), it returns the absolute time (s) of the neuron's next spike, not
   * before tS (Infinity if none). The network schedules one kernel event per
   * spike (phase stimulus) and predicts no crossings: nextSpikeDelay of a
   * source returns Infinity.
   */
  sourceNext?(state: Float64Array, i: number, tS: number): number;
  /**
   * Optional capability (all three or none): the spikes over the next
   * durationS under the present drive with nothing else happening, as delays
   * (ascending) written to out from outOffset, at most maxSpikes; the state is
   * not changed. Fewer than maxSpikes: the list is complete and burstEndPhase
   * is the phase at durationS. advanceWithPhase advances the state by dtS
   * and sets the phase to phi (known from a burst), skipping the phase
   * integral. With it, the network runs a population that receives no
   * projections burst by burst (src/network/bursts.ts).
   */
  burst?(state: Float64Array, i: number, durationS: number, out: Float64Array, maxSpikes?: number, outOffset?: number): number;
  readonly burstEndPhase?: number;
  advanceWithPhase?(state: Float64Array, i: number, dtS: number, phi: number): void;
}

export interface NeuronModel<P> {
  readonly name: string;
  readonly description: string;
  readonly stateLayout: readonly StateVar[];
  compile(params: P, size: number): CompiledNeurons;
}

/**
 * A registry entry (src/neurons/registry.ts): the model and its default
 * parameters. A network population gives `params` as a partial object of
 * numbers merged over `defaults`; unknown keys are rejected by validation.
 */
export interface NeuronEntry<P = unknown> {
  readonly model: NeuronModel<P>;
  readonly defaults: P;
  /**
   * The model carries a device (memristor): the network compiles the preset a
   * population names (or one varied device per neuron) and passes it as
   * params.device.
   */
  readonly device?: boolean;
}
