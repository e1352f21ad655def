/**
 * Test devices with one state component and closed forms simple enough to
 * check the nociceptor against by hand:
 *   dx/dt = P(V) (1 - x) - x / tau,  P(V) = rate for V >= vOn, else 0
 *   G = g0 + g1 x,  I = G V (ohmic)
 */
import type { CompiledDevice } from '../../src/devices/types.ts';

export interface OneComponentSpec {
  g0: number;
  g1: number;
  rate: number;
  vOn: number;
  tauS: number;
}

export function oneComponentDevice(s: OneComponentSpec): CompiledDevice {
  return {
    stride: 1,
    stateLayout: [{ name: 'x', unit: '1', description: 'test component', initial: 0, min: 0, max: 1 }],
    init(state, off) {
      state[off] = 0;
    },
    advance(state, off, vV, dtS) {
      if (!(dtS > 0)) return;
      const p = vV >= s.vOn ? s.rate : 0;
      const b = p + 1 / s.tauS;
      const xi = p / b;
      state[off] = xi + (state[off] - xi) * Math.exp(-b * dtS);
    },
    conductance(state, off) {
      return s.g0 + s.g1 * state[off];
    },
    current(state, off, vV) {
      return (s.g0 + s.g1 * state[off]) * vV;
    },
  };
}
