/**
 * Device-level E4/E6 measurements (Fig. 3b, S3, S4), stepped with the model's
 * closed form like ./experiments.ts (shared by the calibrator, the scenarios
 * and the tests). Conductance is read at the read bias at the end of the
 * interval that follows each pulse, as the E4 scenario reads it.
 */
import { article } from './targets.ts';
import { DeviceUnderTest, READ_BIAS_V } from './experiments.ts';
import type { CompiledDevice } from './types.ts';
import { fitNeuroSim, type NeuroSimFit } from '../analysis/nonlinearity.ts';

const e4 = article.ltpLtd;

/** One train of `pulses` pulses of vV, each followed by its interval at the read bias. */
function train(dut: DeviceUnderTest, vV: number, pulses: number, out?: number[]): void {
  for (let k = 0; k < pulses; k++) {
    dut.hold(vV, e4.widthS);
    dut.hold(READ_BIAS_V, e4.intervalS);
    out?.push(dut.device.conductance(dut.state, 0));
  }
}

/**
 * Conductance after each pulse of `cycles` LTP/LTD cycles (+-3 V, 50/50 ms)
 * from the pristine device; out[0] is the pristine conductance.
 */
export function ltpLtdConductance(device: CompiledDevice, cycles: number = e4.cycles): Float64Array {
  const dut = new DeviceUnderTest(device);
  const g: number[] = [device.conductance(dut.state, 0)];
  for (let c = 0; c < cycles; c++) {
    train(dut, e4.potentiateV, e4.pulsesEach, g);
    train(dut, e4.depressV, e4.pulsesEach, g);
  }
  return Float64Array.from(g);
}

/** The LTP and LTD branches (n + 1 reads each, starting with the read before the train) of cycle `cycle` (0-based). */
export function cycleBranches(g: Float64Array, cycle: number, n: number = e4.pulsesEach): { ltp: Float64Array; ltd: Float64Array } {
  const o = cycle * 2 * n;
  return { ltp: g.slice(o, o + n + 1), ltd: g.slice(o + n, o + 2 * n + 1) };
}

export interface Nonlinearity {
  readonly ltp: NeuroSimFit;
  readonly ltd: NeuroSimFit;
}

/** E6: NeuroSim labels of the last cycle of the E4 protocol. */
export function ltpLtdNonlinearity(device: CompiledDevice, cycles: number = e4.cycles): Nonlinearity {
  const b = cycleBranches(ltpLtdConductance(device, cycles), cycles - 1);
  return { ltp: fitNeuroSim(b.ltp, 'ltp'), ltd: fitNeuroSim(b.ltd, 'ltd') };
}

export interface DepressionControl {
  /** Conductance at the end of the last LTP train (S). */
  readonly afterLtpS: number;
  /** Fall (S) over the LTD train, and over the same time at the read bias alone. */
  readonly depressionFallS: number;
  readonly controlFallS: number;
  /** depressionFallS / controlFallS. */
  readonly ratio: number;
}

/**
 * E4 "LTD is depression, not forgetting": after the LTP train of cycle
 * `cycles` (the earlier cycles run in full), the -3 V train against the same
 * time (pulses and intervals) at the read bias only, both from the same state.
 */
export function depressionVersusControl(device: CompiledDevice, cycles: number = e4.cycles): DepressionControl {
  const dut = new DeviceUnderTest(device);
  for (let c = 0; c < cycles - 1; c++) {
    train(dut, e4.potentiateV, e4.pulsesEach);
    train(dut, e4.depressV, e4.pulsesEach);
  }
  train(dut, e4.potentiateV, e4.pulsesEach);
  const afterLtpS = device.conductance(dut.state, 0);
  const control = new DeviceUnderTest(device, dut.state);
  train(dut, e4.depressV, e4.pulsesEach);
  control.hold(READ_BIAS_V, e4.pulsesEach * (e4.widthS + e4.intervalS));
  const depressionFallS = afterLtpS - device.conductance(dut.state, 0);
  const controlFallS = afterLtpS - device.conductance(control.state, 0);
  return { afterLtpS, depressionFallS, controlFallS, ratio: depressionFallS / controlFallS };
}

/** Rest (s) after which the lasting part of the E4 potentiation is read. */
export const LASTING_REST_S = 5;

/**
 * Share of the first E4 LTP train's potentiation (from the pristine device)
 * still there after LASTING_REST_S at the read bias.
 */
export function lastingFraction(device: CompiledDevice, restS: number = LASTING_REST_S): number {
  const dut = new DeviceUnderTest(device);
  const g0 = device.conductance(dut.state, 0);
  train(dut, e4.potentiateV, e4.pulsesEach);
  const gEnd = device.conductance(dut.state, 0);
  dut.hold(READ_BIAS_V, restS);
  return (device.conductance(dut.state, 0) - g0) / (gEnd - g0);
}
