/**
 * Fine fixed-step reference for nociceptor spike times, independent of the
 * model's own method: composite 5-point Gauss-Legendre quadrature of the rate
 * r(I(t)) on a fine grid, I from the device's own advance, each spike inside
 * a step by Newton on the partial quadrature, the phase reset to 0.
 */
import type { CompiledDevice } from '../../src/devices/types.ts';
import { firingRate, type RateLaw } from '../../src/neurons/nociceptor-phase.ts';

const GX = [0.046910077030668, 0.2307653449471585, 0.5, 0.7692346550528415, 0.953089922969332];
const GW = [0.1184634425280945, 0.2393143352496832, 0.2844444444444444, 0.2393143352496832, 0.1184634425280945];

export interface ConstantDrive {
  /** Start of the interval (s): spike times are offset by it. */
  readonly t0S: number;
  readonly spanS: number;
  readonly vV: number;
  /** Grid step (s). */
  readonly hS: number;
  /** First step (s), doubling up to hS: the fastest device components settle within nanoseconds after an edge. Default hS. */
  readonly firstStepS?: number;
}

/**
 * Brings device state `x` (slot 0, advanced in place) and phase `phi` through
 * one constant-voltage interval, pushing spike times to `out`; returns the
 * phase at the end.
 */
export function fineSpikesAtConstantV(d: CompiledDevice, law: RateLaw, x: Float64Array, phi: number, drive: ConstantDrive, out: number[]): number {
  const { t0S, spanS, vV, hS } = drive;
  const y = new Float64Array(x.length);
  const rate = (s: number): number => {
    y.set(x);
    d.advance(y, 0, vV, s);
    return firingRate(law, d.current(y, 0, vV));
  };
  const quad = (b: number): number => {
    let s = 0;
    for (let j = 0; j < 5; j++) s += GW[j] * rate(GX[j] * b);
    return s * b;
  };
  let t = 0;
  let hk = drive.firstStepS ?? hS;
  while (t < spanS - 1e-15) {
    const step = Math.min(hk, spanS - t);
    hk = Math.min(hS, 2 * hk);
    const inc = quad(step);
    if (phi + inc >= 1) {
      let s = (step * (1 - phi)) / inc;
      for (let k = 0; k < 30; k++) {
        const ds = (phi + quad(s) - 1) / rate(s);
        s -= ds;
        if (Math.abs(ds) < 1e-16) break;
      }
      out.push(t0S + t + s);
      d.advance(x, 0, vV, s);
      t += s;
      phi = 0;
      continue;
    }
    phi += inc;
    d.advance(x, 0, vV, step);
    t += step;
  }
  return phi;
}
