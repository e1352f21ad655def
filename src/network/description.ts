/**
 * The network description: plain data (JSON- and immer-friendly), validated by
 * validate.ts and compiled by build.ts. SI units throughout.
 */
import type { PulseTrainSpec } from '../protocols/waveform.ts';
import type { StaticSynapseDesc } from '../synapses/static.ts';
import type { MemristorSynapseDesc } from '../synapses/memristor-kind.ts';
import type { MemristorReadSynapseDesc } from '../synapses/memristor-read.ts';

/** A piecewise-constant waveform as data. Levels are in the drive's unit (A for LIF, V for receptors). */
export type WaveformDesc =
  | { readonly kind: 'constant'; readonly value: number; readonly startS?: number }
  | {
      readonly kind: 'points';
      readonly points: ReadonlyArray<readonly [number, number]>;
      readonly endS?: number;
      /** The pulses these points form (for per-pulse probes): start, width, level. */
      readonly pulses?: ReadonlyArray<{ readonly tStartS: number; readonly widthS: number; readonly level: number }>;
    }
  | ({ readonly kind: 'pulse-train' } & Readonly<PulseTrainSpec>);

/** Which neurons of a population a value starts from. */
export type InitialValue = number | { readonly uniform: readonly [number, number] };

export interface PopulationDesc {
  readonly name: string;
  /** Neuron model name from src/neurons/registry.ts. */
  readonly model: string;
  readonly size: number;
  /** Overrides of the model's default parameters, by key. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Receptor sheets: neuron index = y * width + x; width * height must equal size. */
  readonly grid?: { readonly width: number; readonly height: number };
  /** Initial state variables (by stateLayout name), a value or a seeded uniform draw per neuron. */
  readonly initial?: Readonly<Record<string, InitialValue>>;
  /** For models with a device (e.g. nociceptor): the device preset name (default: the model's). */
  readonly device?: string;
  /** Device variation of the population's devices (models with a device). */
  readonly variation?: VariationDesc;
}

/**
 * Device variation: deviceToDevice is the relative sigma of the lognormal
 * factors of src/devices/variation.ts, one draw per device seeded by
 * (network seed, population or projection, device index); 0 = the preset.
 * cycleToCycle is the relative sigma of each stimulus pulse's own lognormal
 * factor on the device change (src/neurons/nociceptor-cycle.ts), drawn per
 * (network seed, population, receptor, pulse number); 0 = none.
 */
export interface VariationDesc {
  readonly deviceToDevice?: number;
  readonly cycleToCycle?: number;
  /** Populations: one drawn device shared by every neuron (one device under several stimuli). */
  readonly sameDevice?: boolean;
}

export type ConnectivityDesc =
  | { readonly kind: 'one-to-one' }
  | { readonly kind: 'all-to-all'; readonly allowSelf?: boolean }
  /** Each (pre, post) pair independently with probability p (seeded). */
  | { readonly kind: 'fixed-probability'; readonly p: number; readonly allowSelf?: boolean }
  /** Explicit (pre, post) index pairs, local to the populations. */
  | { readonly kind: 'pairs'; readonly pairs: ReadonlyArray<readonly [number, number]> };

/** A synapse kind's description (src/synapses/registry.ts): static weights or a memristor per synapse. */
export type SynapseDesc = StaticSynapseDesc | MemristorSynapseDesc | MemristorReadSynapseDesc;

export interface ProjectionDesc {
  /** Default: "<from>-><to>#<index>". */
  readonly name?: string;
  readonly from: string;
  readonly to: string;
  readonly connectivity: ConnectivityDesc;
  readonly synapse: SynapseDesc;
  /** Axonal + synaptic delay (s), one per projection; spike at t arrives at t + delayS. */
  readonly delayS: number;
  readonly port?: 'excitatory' | 'inhibitory';
}

export type StimulusDesc =
  /** Every neuron of the population. */
  | { readonly kind: 'uniform'; readonly population: string; readonly waveform: WaveformDesc; readonly scale?: number }
  /** Listed neurons, same waveform. */
  | { readonly kind: 'neurons'; readonly population: string; readonly neurons: readonly number[]; readonly waveform: WaveformDesc; readonly scale?: number }
  /** One waveform per neuron (length = size). */
  | { readonly kind: 'per-neuron'; readonly population: string; readonly waveforms: readonly WaveformDesc[] }
  /**
   * A spot on a grid population: neurons whose centre (x, y) lies within
   * `radius` (grid units) of (cx, cy); profile "disc" scales by 1, "gaussian"
   * by exp(-d^2 / (2 radius^2)) out to 3 radius.
   */
  | {
      readonly kind: 'spot';
      readonly population: string;
      readonly cx: number;
      readonly cy: number;
      readonly radius: number;
      readonly waveform: WaveformDesc;
      readonly profile?: 'disc' | 'gaussian';
      readonly scale?: number;
    };

export type ProbeDesc =
  /** A neuron state variable (stateLayout name), sampled every intervalS. */
  | { readonly kind: 'neuron'; readonly population: string; readonly neurons: readonly number[]; readonly variable: string; readonly intervalS: number }
  /** A synapse device: "conductance" (S) or a device state variable name. */
  | { readonly kind: 'synapse'; readonly projection: string; readonly synapses: readonly number[]; readonly variable: string; readonly intervalS: number }
  /**
   * Per-pulse table (src/network/pulses.ts) of the listed neurons: one row per
   * pulse of the stimulus covering each (the first that declares pulses), with
   * the state variable at start and end and its peak over samples every intervalS.
   */
  | { readonly kind: 'pulses'; readonly population: string; readonly neurons: readonly number[]; readonly variable: string; readonly intervalS: number };

export interface NetworkDescription {
  readonly populations: readonly PopulationDesc[];
  readonly projections?: readonly ProjectionDesc[];
  readonly stimuli?: readonly StimulusDesc[];
  readonly probes?: readonly ProbeDesc[];
  readonly durationS: number;
  readonly seed: number;
}
