/**
 * What every neuron model provides. A population's state lives in one flat
 * Float64Array (stride values per neuron); functions bring neuron i forward
 * exactly to an event time, apply the event, and predict the next threshold
 * crossing, so the kernel only visits neurons when something happens.
 *
 * Event-driven protocol used by the network builder, per neuron i:
 *   advance(state, i, dtS)            exact free evolution over dtS
 *   receive(state, i, weight, port)   an input arrives (port: 0 excitatory, 1 inhibitory, ...)
 *   setDrive(state, i, value)         piecewise-constant external drive (current, or stimulus voltage for receptors)
 *   nextSpikeDelay(state, i)          time until the next spike if nothing else arrives (Infinity if none)
 *   fire(state, i)                    the spike happened: reset, start refractoriness
 */
import type { StateVar } from '../devices/types.ts';

export interface CompiledNeurons {
  readonly stride: number;
  readonly stateLayout: readonly StateVar[];
  readonly size: number;
  init(state: Float64Array, i: number): void;
  advance(state: Float64Array, i: number, dtS: number): void;
  receive(state: Float64Array, i: number, weight: number, port: number): void;
  setDrive(state: Float64Array, i: number, value: number): void;
  nextSpikeDelay(state: Float64Array, i: number): number;
  fire(state: Float64Array, i: number): void;
}

export interface NeuronModel<P> {
  readonly name: string;
  readonly description: string;
  readonly stateLayout: readonly StateVar[];
  compile(params: P, size: number): CompiledNeurons;
}
