/**
 * Device-level protocols and measurements of the spec (E9-E13), shared by the
 * calibrator (src/devices/calibrate/) and the scenarios.
 *
 * Everything is stepped with the model's exact closed form, one advance() per
 * pulse edge (no trace sampling), so a whole protocol costs microseconds to
 * milliseconds. Conventions, used by every function below:
 *   - "pulse current" is the current at the pulse's own voltage; between
 *     pulses the device sits at the read bias READ_BIAS_V (0.1 V, below the
 *     model's 0.18 V threshold, so it only lets the state relax, never drives it);
 *   - a pulse's current is taken at its end (for a potentiating pulse this is
 *     its peak);
 *   - pulse trains: pulse k rises at start + k (width + interval).
 * Times in s, voltages in V, currents in A.
 */
import { article } from './targets.ts';
import { fitExpDecay, type ExpFit } from '../analysis/fit.ts';
import type { CompiledDevice } from './types.ts';
import { piecewise, type PulseInfo, type Waveform } from '../protocols/waveform.ts';

/** Read bias (V) between pulses and during rests. */
export const READ_BIAS_V = 0.1;
/** Sample interval (s) of the decay used for the forgetting fit (E10). */
export const DECAY_SAMPLE_S = 0.01;
/**
 * Rest (s) at the read bias between the noxious pulse and the innocuous train
 * (E13). The article does not state it; 5 s lets the volatile components of
 * the noxious pulse relax (the 1.4 s one to ~3 %) while the sensitisation stays.
 */
export const NOXIOUS_REST_S = 5;
/** How long (s) an innocuous train is followed when looking for a crossing. */
export const INNOCUOUS_SEARCH_S = 120;

/** One device, its state vector and a clock: stepped interval by interval. */
export class DeviceUnderTest {
  readonly state: Float64Array;
  timeS = 0;
  constructor(readonly device: CompiledDevice, initial?: Float64Array) {
    this.state = new Float64Array(device.stride);
    if (initial) this.state.set(initial);
    else device.init(this.state, 0);
  }
  /** Holds bias vV for dtS seconds (exact). */
  hold(vV: number, dtS: number): void {
    this.device.advance(this.state, 0, vV, dtS);
    this.timeS += dtS;
  }
  current(vV: number): number {
    return this.device.current(this.state, 0, vV);
  }
  readCurrent(): number {
    return this.device.current(this.state, 0, READ_BIAS_V);
  }
}

// ---------------------------------------------------------------- E9 ----

export interface LearningForgettingSpec {
  amplitudeV: number;
  widthS: number;
  intervalS: number;
  pulses: number;
  /** Rest at the read bias after the last pulse of each cycle (s). */
  restS: number;
  cycles: number;
}

export const learningForgettingDefaults: LearningForgettingSpec = { ...article.learningForgetting };

export interface LearningForgettingResult {
  readonly spec: LearningForgettingSpec;
  /** Read current of the pristine device (A). */
  readonly pristineReadA: number;
  /** Per cycle, per pulse: current at the end of the pulse (A). */
  readonly pulseCurrentA: Float64Array[];
  /** Per cycle: pulse current at the rising edge of the first pulse (A). */
  readonly firstEdgeCurrentA: number[];
  /** Per cycle: read current right after the last pulse and at the end of the rest (A). */
  readonly restStartReadA: number[];
  readonly restEndReadA: number[];
  /** Per cycle: read current at the end of the rest minus the pristine read current (A). */
  readonly increaseAfterCycleA: number[];
  /**
   * Pulses cycle 2 needs to reach the pulse current cycle 1 reached with its
   * last pulse: whole count (first pulse at or above), Infinity if never.
   */
  readonly relearningPulses: number;
  /** The same, interpolated linearly between pulse currents (for calibration). */
  readonly relearningFractional: number;
}

/** Duration (s) of one learning-forgetting cycle: the train plus the rest. */
export function cycleDurationS(s: LearningForgettingSpec): number {
  return (s.pulses - 1) * (s.widthS + s.intervalS) + s.widthS + s.restS;
}

/**
 * The E9/E10 protocol as a waveform for driveDevice (traces, figures): read
 * bias from 0 to startS, then the cycles; pulse k of cycle c rises at
 * startS + c cycleDurationS + k (width + interval).
 */
export function learningForgettingWaveform(spec: Partial<LearningForgettingSpec> = {}, startS = 0.1): Waveform {
  const s: LearningForgettingSpec = { ...learningForgettingDefaults, ...spec };
  const cycleS = cycleDurationS(s);
  const period = s.widthS + s.intervalS;
  const points: Array<[number, number]> = [];
  const pulses: PulseInfo[] = [];
  if (startS > 0) points.push([0, READ_BIAS_V]);
  for (let c = 0; c < s.cycles; c++) {
    for (let k = 0; k < s.pulses; k++) {
      const on = startS + c * cycleS + k * period;
      points.push([on, s.amplitudeV], [on + s.widthS, READ_BIAS_V]);
      pulses.push({ index: pulses.length, tStartS: on, widthS: s.widthS, vV: s.amplitudeV });
    }
  }
  return piecewise(points, startS + s.cycles * cycleS, pulses);
}

/** E9: learning-forgetting cycles on a device (pristine unless `initial`). */
export function learningForgetting(
  device: CompiledDevice,
  spec: Partial<LearningForgettingSpec> = {},
  initial?: Float64Array,
): LearningForgettingResult {
  const s: LearningForgettingSpec = { ...learningForgettingDefaults, ...spec };
  const dut = new DeviceUnderTest(device, initial);
  const pristineReadA = dut.readCurrent();
  const pulseCurrentA: Float64Array[] = [];
  const firstEdgeCurrentA: number[] = [];
  const restStartReadA: number[] = [];
  const restEndReadA: number[] = [];
  for (let c = 0; c < s.cycles; c++) {
    const row = new Float64Array(s.pulses);
    firstEdgeCurrentA.push(dut.current(s.amplitudeV));
    for (let k = 0; k < s.pulses; k++) {
      if (k > 0) dut.hold(READ_BIAS_V, s.intervalS);
      dut.hold(s.amplitudeV, s.widthS);
      row[k] = dut.current(s.amplitudeV);
    }
    pulseCurrentA.push(row);
    restStartReadA.push(dut.readCurrent());
    dut.hold(READ_BIAS_V, s.restS);
    restEndReadA.push(dut.readCurrent());
  }
  const target = pulseCurrentA[0][s.pulses - 1];
  let relearningPulses = Infinity;
  let relearningFractional = Infinity;
  if (s.cycles >= 2) {
    const row = pulseCurrentA[1];
    let prev = firstEdgeCurrentA[1];
    if (prev >= target) {
      relearningPulses = 0;
      relearningFractional = 0;
    } else {
      for (let k = 0; k < s.pulses; k++) {
        if (row[k] >= target) {
          relearningPulses = k + 1;
          relearningFractional = k + (target - prev) / (row[k] - prev);
          break;
        }
        prev = row[k];
      }
      if (relearningPulses === Infinity) {
        // Extrapolate with the last step so the calibrator sees how far off it is.
        const step = row[s.pulses - 1] - row[s.pulses - 2];
        relearningFractional = step > 0 ? s.pulses + (target - row[s.pulses - 1]) / step : 10 * s.pulses;
      }
    }
  }
  return {
    spec: s,
    pristineReadA,
    pulseCurrentA,
    firstEdgeCurrentA,
    restStartReadA,
    restEndReadA,
    increaseAfterCycleA: restEndReadA.map((r) => r - pristineReadA),
    relearningPulses,
    relearningFractional,
  };
}

// --------------------------------------------------------------- E10 ----

export interface ForgettingResult {
  readonly amplitudeV: number;
  /** Largest pulse current of the train (A). */
  readonly peakCurrentA: number;
  /** Read current before the train, right after it, and after the rest (A). */
  readonly beforeReadA: number;
  readonly afterTrainReadA: number;
  readonly afterRestReadA: number;
  /** Decay samples: time since the end of the last pulse (s) and read current (A). */
  readonly decayTS: Float64Array;
  readonly decayIA: Float64Array;
  /** Fit of I(t) = I0 + A exp(-t / tau) to the decay samples. */
  readonly fit: ExpFit;
  /** Device state right after the last pulse. */
  readonly stateAfterTrain: Float64Array;
}

/**
 * E10: one learning train (E9 timing, amplitude amplitudeV) from the pristine
 * device, then the rest at the read bias sampled every sampleS (default DECAY_SAMPLE_S) and
 * fitted by I0 + A exp(-t / tau).
 */
export function forgettingAfterTrain(
  device: CompiledDevice,
  amplitudeV: number,
  spec: Partial<LearningForgettingSpec> = {},
  sampleS: number = DECAY_SAMPLE_S,
): ForgettingResult {
  const s: LearningForgettingSpec = { ...learningForgettingDefaults, ...spec, amplitudeV };
  const dut = new DeviceUnderTest(device);
  const beforeReadA = dut.readCurrent();
  let peakCurrentA = 0;
  for (let k = 0; k < s.pulses; k++) {
    if (k > 0) dut.hold(READ_BIAS_V, s.intervalS);
    dut.hold(amplitudeV, s.widthS);
    peakCurrentA = Math.max(peakCurrentA, dut.current(amplitudeV));
  }
  const stateAfterTrain = dut.state.slice();
  const n = Math.round(s.restS / sampleS) + 1;
  const decayTS = new Float64Array(n);
  const decayIA = new Float64Array(n);
  decayIA[0] = dut.readCurrent();
  for (let i = 1; i < n; i++) {
    dut.hold(READ_BIAS_V, sampleS);
    decayTS[i] = i * sampleS;
    decayIA[i] = dut.readCurrent();
  }
  const fit = fitExpDecay(decayTS, decayIA, { tauMinS: 0.01, tauMaxS: 100 });
  return { amplitudeV, peakCurrentA, beforeReadA, afterTrainReadA: decayIA[0], afterRestReadA: decayIA[n - 1], decayTS, decayIA, fit, stateAfterTrain };
}

// ---------------------------------------------------------- E11-E13 ----

/**
 * Time (s, from the rising edge) at which the pulse current first reaches
 * thresholdA during a pulse of vV volts and widthS seconds starting from
 * `state`, or -1 if it stays below. `state` is not changed. The pulse is
 * scanned in 8 sub-intervals to bracket the first crossing, which is then
 * located by bisection on the exact closed form to 1e-9 s.
 */
export function firstCrossingInPulse(
  device: CompiledDevice,
  state: Float64Array,
  vV: number,
  widthS: number,
  thresholdA: number,
  scratch: Float64Array = new Float64Array(device.stride),
): number {
  if (device.current(state, 0, vV) >= thresholdA) return 0;
  const parts = 8;
  let lo = 0;
  scratch.set(state);
  const step = widthS / parts;
  for (let j = 1; j <= parts; j++) {
    device.advance(scratch, 0, vV, step);
    if (device.current(scratch, 0, vV) >= thresholdA) {
      let a = lo;
      let b = j * step;
      while (b - a > 1e-9) {
        const mid = 0.5 * (a + b);
        scratch.set(state);
        device.advance(scratch, 0, vV, mid);
        if (device.current(scratch, 0, vV) >= thresholdA) b = mid;
        else a = mid;
      }
      return b;
    }
    lo = j * step;
  }
  return -1;
}

export interface InnocuousSpec {
  amplitudeV: number;
  widthS: number;
  intervalS: number;
  /** Length of stimulation followed (s, from the first rising edge). */
  durationS: number;
  thresholdA: number;
}

export const innocuousDefaults: InnocuousSpec = {
  amplitudeV: article.innocuous.amplitudeV,
  widthS: article.innocuous.widthS,
  intervalS: article.innocuous.intervalS,
  durationS: article.innocuous.holdS,
  thresholdA: article.painThresholdA,
};

export interface InnocuousResult {
  /** Largest pulse current over the pulses that start within durationS (A). */
  readonly maxCurrentA: number;
  /** Time from the first rising edge to the first crossing of thresholdA (s); Infinity if none. */
  readonly crossingS: number;
  /** Current at the end of every pulse followed (A); stops at the crossing pulse. */
  readonly pulseEndCurrentA: number[];
}

/**
 * E11/E13: the innocuous train from `initial` (pristine if omitted), followed
 * until the first crossing of thresholdA or until durationS. The crossing time
 * is exact (bisection inside the pulse, see firstCrossingInPulse).
 */
export function innocuousTrain(device: CompiledDevice, spec: Partial<InnocuousSpec> = {}, initial?: Float64Array): InnocuousResult {
  const s: InnocuousSpec = { ...innocuousDefaults, ...spec };
  const dut = new DeviceUnderTest(device, initial);
  const scratch = new Float64Array(device.stride);
  const period = s.widthS + s.intervalS;
  const pulseEndCurrentA: number[] = [];
  let maxCurrentA = 0;
  for (let k = 0; k * period < s.durationS; k++) {
    if (k > 0) dut.hold(READ_BIAS_V, s.intervalS);
    const tCross = firstCrossingInPulse(device, dut.state, s.amplitudeV, s.widthS, s.thresholdA, scratch);
    dut.hold(s.amplitudeV, s.widthS);
    const iEnd = dut.current(s.amplitudeV);
    pulseEndCurrentA.push(iEnd);
    maxCurrentA = Math.max(maxCurrentA, iEnd);
    if (tCross >= 0) return { maxCurrentA: Math.max(maxCurrentA, s.thresholdA), crossingS: k * period + tCross, pulseEndCurrentA };
  }
  return { maxCurrentA, crossingS: Infinity, pulseEndCurrentA };
}

export interface NoxiousSpec {
  amplitudeV: number;
  widthS: number;
}

/** E12: pulse current of the first noxious pulse at its rising edge and at its end (A), pristine device. */
export function noxiousFirstPulse(device: CompiledDevice, spec: Partial<NoxiousSpec> = {}): { startCurrentA: number; endCurrentA: number } {
  const s: NoxiousSpec = { amplitudeV: article.noxiousV, widthS: article.innocuous.widthS, ...spec };
  const dut = new DeviceUnderTest(device);
  const startCurrentA = dut.current(s.amplitudeV);
  dut.hold(s.amplitudeV, s.widthS);
  return { startCurrentA, endCurrentA: dut.current(s.amplitudeV) };
}

/** State of a pristine device after one noxious pulse and the rest at the read bias. */
export function stateAfterNoxious(device: CompiledDevice, noxiousWidthS: number, restS = NOXIOUS_REST_S, noxiousV: number = article.noxiousV): Float64Array {
  const dut = new DeviceUnderTest(device);
  dut.hold(noxiousV, noxiousWidthS);
  dut.hold(READ_BIAS_V, restS);
  return dut.state;
}

/**
 * E13: incubation time (s) of the innocuous train after a noxious pulse of
 * noxiousWidthS on a pristine device and a rest of `restS`: from the train's
 * first rising edge to the first crossing of I_nox; Infinity if none within
 * INNOCUOUS_SEARCH_S.
 */
export function incubationTime(
  device: CompiledDevice,
  noxiousWidthS: number,
  opts: { restS?: number; noxiousV?: number; innocuous?: Partial<InnocuousSpec> } = {},
): number {
  const state = stateAfterNoxious(device, noxiousWidthS, opts.restS ?? NOXIOUS_REST_S, opts.noxiousV ?? article.noxiousV);
  return innocuousTrain(device, { durationS: INNOCUOUS_SEARCH_S, ...opts.innocuous }, state).crossingS;
}
