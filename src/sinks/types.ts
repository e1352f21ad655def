/**
 * What leaves a running simulation, as it happens: the sink interface, probe
 * descriptions and a live simulation (a run the viewer drives slice by slice).
 * Below both the engine (src/network) and the scenarios, so the runtime never
 * imports the scenario framework.
 */
import type { Kernel } from '../kernel/index.ts';

/** Receives what a live simulation produces, as it happens. */
export interface LiveSink {
  spike(tS: number, neuron: number): void;
  sample(tS: number, probe: number, value: number): void;
  stateChange(tS: number, neuron: number, from: number, to: number): void;
}

/**
 * Receives recorded rows in flat column batches: row r of column c is
 * cols[c][r], for r in [from, to). The arrays are the sender's buffers, valid
 * only during the call (copy what must be kept).
 */
export interface BatchSink {
  rows(cols: readonly ArrayLike<number>[], from: number, to: number): void;
}

export interface ProbeInfo {
  readonly name: string;
  readonly unit: string;
  /** A threshold line to draw with this probe (e.g. I_nox), if any. */
  readonly threshold?: number;
}

/** A scenario built and ready to run on the kernel, slice by slice. */
export interface LiveSimulation {
  readonly kernel: Kernel;
  readonly durationS: number;
  /** Number of raster rows (neurons); 0 when the scenario has none. */
  readonly neurons: number;
  readonly probes: readonly ProbeInfo[];
  /** Names of neuron states reported by stateChange (index = state code). */
  readonly stateNames: readonly string[];
  /** For receptor grids: neuron index = y * width + x. */
  readonly grid?: { readonly width: number; readonly height: number };
  /** Set the sink before running. */
  attach(sink: LiveSink): void;
}

