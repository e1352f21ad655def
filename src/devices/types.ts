/**
 * What every device (memristor) model provides. State lives in flat
 * Float64Arrays (one stride per device) so networks of many devices share one
 * buffer; the functions below read and write it in place and allocate nothing.
 */

import type { PresetDocs } from './preset-json.ts';

export interface StateVar {
  /** Column name in traces, e.g. "x_fast". */
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Value of a fresh (pristine) device. */
  readonly initial: number;
  /** Bounds the state can never leave. */
  readonly min: number;
  readonly max: number;
}

/** A model compiled for one parameter set: the hot-path interface. */
export interface CompiledDevice {
  readonly stride: number;
  readonly stateLayout: readonly StateVar[];
  /** Writes the pristine state at `off`. */
  init(state: Float64Array, off: number): void;
  /** Brings the state forward by dtS seconds under constant voltage vV, exactly. */
  advance(state: Float64Array, off: number, vV: number, dtS: number): void;
  /** Conductance (S) in the present state: current / conduction(vV). */
  conductance(state: Float64Array, off: number): number;
  /** Device current (A) at voltage vV in the present state. */
  current(state: Float64Array, off: number, vV: number): number;
}

export interface DeviceModel<P> {
  /** Unit and meaning of every parameter: documents and validates preset files. */
  readonly parameters: PresetDocs;
  readonly name: string;
  /** One line on what the model is and where its equations come from. */
  readonly description: string;
  readonly stateLayout: readonly StateVar[];
  compile(params: P): CompiledDevice;
}
