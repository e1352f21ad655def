/**
 * A population whose neurons each carry their own device (device-to-device
 * variation): neuron i is run by its own compiled model of size 1 (its own
 * device parameters, its own state-code memory), on a copy of its state
 * slice. Used only when variation is on; the shared-device population is the
 * model's own flat form. The copy costs stride loads and stores per call,
 * small beside a device advance.
 */
import type { StateVar } from '../devices/types.ts';
import type { CompiledNeurons } from '../neurons/types.ts';

export class PerDeviceNeurons implements CompiledNeurons {
  readonly stride: number;
  readonly stateLayout: readonly StateVar[];
  readonly stateNames?: readonly string[];
  readonly checkIntervalS?: number;
  readonly fireKeepsStateCode?: boolean;
  readonly stateCode?: (state: Float64Array, i: number) => number;
  readonly onsetDelay?: (state: Float64Array, i: number) => number;
  readonly onsetAbove?: (state: Float64Array, i: number) => boolean;
  private readonly s: Float64Array;

  constructor(
    readonly size: number,
    /** Neuron i's own model (size 1). */
    readonly models: readonly CompiledNeurons[],
  ) {
    const m0 = models[0];
    this.stride = m0.stride;
    this.stateLayout = m0.stateLayout;
    this.stateNames = m0.stateNames;
    this.checkIntervalS = m0.checkIntervalS;
    this.fireKeepsStateCode = m0.fireKeepsStateCode;
    this.s = new Float64Array(this.stride);
    // Optional capabilities exist on the wrapper exactly when the models have them.
    if (m0.stateCode) this.stateCode = (state, i) => this.load(state, i).stateCode!(this.s, 0);
    if (m0.onsetDelay) this.onsetDelay = (state, i) => this.load(state, i).onsetDelay!(this.s, 0);
    if (m0.onsetAbove) this.onsetAbove = (state, i) => this.load(state, i).onsetAbove!(this.s, 0);
  }

  private load(state: Float64Array, i: number): CompiledNeurons {
    const o = i * this.stride;
    for (let q = 0; q < this.stride; q++) this.s[q] = state[o + q];
    return this.models[i];
  }

  private store(state: Float64Array, i: number): void {
    const o = i * this.stride;
    for (let q = 0; q < this.stride; q++) state[o + q] = this.s[q];
  }

  init(state: Float64Array, i: number): void {
    this.models[i].init(this.s, 0);
    this.store(state, i);
  }

  advance(state: Float64Array, i: number, dtS: number): void {
    this.load(state, i).advance(this.s, 0, dtS);
    this.store(state, i);
  }

  receive(state: Float64Array, i: number, weight: number, port: number): void {
    this.load(state, i).receive(this.s, 0, weight, port);
    this.store(state, i);
  }

  setDrive(state: Float64Array, i: number, value: number): void {
    this.load(state, i).setDrive(this.s, 0, value);
    this.store(state, i);
  }

  nextSpikeDelay(state: Float64Array, i: number, horizonS?: number): number {
    return this.load(state, i).nextSpikeDelay(this.s, 0, horizonS);
  }

  fire(state: Float64Array, i: number): void {
    this.load(state, i).fire(this.s, 0);
    this.store(state, i);
  }
}
