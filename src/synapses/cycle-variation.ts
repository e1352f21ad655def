/**
 * Cycle-to-cycle variation of a device: every pulse changes the state by its
 * own random factor. For the state x0 before the pulse and x1 after the
 * nominal pulse,
 *   x -> clip(x0 + f (x1 - x0)),   f = exp(s z - s^2 / 2)  (lognormal, mean 1)
 * with s the relative sigma and z a standard normal deviate computed from a
 * counter-based hash of (seed, device, pulse number) by Box-Muller: the same
 * seed gives the same draws whatever the order devices are visited in.
 * Holds one pulse counter per device; allocates nothing per pulse.
 */
import type { StateVar } from '../devices/types.ts';

/** u in (0, 1] from (seed, device, pulse, stream). */
function unit(seed: number, k: number, n: number, stream: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(k + 1, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35) ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x27d4eb2f) >>> 0;
  z = (z ^ (z >>> 15)) >>> 0;
  return (z + 1) / 4294967296;
}

/** Standard normal deviate of pulse n of device k. */
export function pulseNormal(seed: number, k: number, n: number): number {
  return Math.sqrt(-2 * Math.log(unit(seed, k, n, 0))) * Math.cos(2 * Math.PI * unit(seed, k, n, 1));
}

export class CycleVariation {
  /** Pulses seen per device. */
  readonly pulses: Float64Array;
  private readonly x0: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;

  constructor(
    devices: number,
    readonly stride: number,
    readonly sigma: number,
    readonly seed: number,
    layout: readonly StateVar[],
  ) {
    if (!(sigma >= 0 && sigma <= 1)) throw new Error(`cycle-to-cycle variation: relative sigma must be in [0, 1], got ${sigma}`);
    this.pulses = new Float64Array(devices);
    this.x0 = new Float64Array(stride);
    this.lo = Float64Array.from(layout, (v) => v.min);
    this.hi = Float64Array.from(layout, (v) => v.max);
  }

  /** The state before the pulse (stride values of s). */
  before(s: Float64Array): void {
    for (let c = 0; c < this.stride; c++) this.x0[c] = s[c];
  }

  /** After the nominal pulse on device k: scales the change by this pulse's factor. */
  after(s: Float64Array, k: number): void {
    const sg = this.sigma;
    const f = Math.exp(sg * pulseNormal(this.seed, k, this.pulses[k]++) - 0.5 * sg * sg);
    for (let c = 0; c < this.stride; c++) {
      const x = this.x0[c] + f * (s[c] - this.x0[c]);
      s[c] = x < this.lo[c] ? this.lo[c] : x > this.hi[c] ? this.hi[c] : x;
    }
  }
}
