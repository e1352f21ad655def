/**
 * The pulse count of a device-backed weight change, one implementation for
 * every store that programs memristors with identical pulses (the learning
 * weights of memristive-weights.ts, the network projection adapter):
 *
 *   units = carry_s + dw / step,   n = trunc(units),   carry_s = units - n
 *   n clipped to [-maxPulses, maxPulses]
 *
 * The fractional remainder is carried per synapse, so small requests add up
 * deterministically instead of being lost or randomised. Pulse totals are
 * counted per polarity.
 */
export class PulseCarry {
  readonly carry: Float64Array;
  /** Pulses counted since reset (potentiation, depression). */
  potPulses = 0;
  depPulses = 0;

  constructor(
    synapses: number,
    readonly maxPulses: number,
  ) {
    if (!(maxPulses >= 1)) throw new Error(`pulse programming: maxPulsesPerEvent must be >= 1, got ${maxPulses}`);
    this.carry = new Float64Array(synapses);
  }

  /** Signed whole pulses for a request dw on synapse s, one pulse changing the weight by `step` (> 0). */
  pulses(s: number, dw: number, step: number): number {
    const units = this.carry[s] + dw / step;
    let n = Math.trunc(units);
    this.carry[s] = units - n;
    if (n === 0) return 0;
    if (n > this.maxPulses) n = this.maxPulses;
    else if (n < -this.maxPulses) n = -this.maxPulses;
    if (n > 0) this.potPulses += n;
    else this.depPulses -= n;
    return n;
  }

  reset(): void {
    this.carry.fill(0);
    this.potPulses = 0;
    this.depPulses = 0;
  }
}
