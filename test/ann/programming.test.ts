import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../src/devices/registry.ts';
import { Rng } from '../../src/kernel/rng.ts';
import { PulseProgrammer, E4_SCHEME } from '../../src/ann/programming.ts';
import { CrossbarLayer, DEFAULT_CROSSBAR } from '../../src/ann/crossbar.ts';

/** Steps the device model directly through n pulses of the E4 scheme. */
function stepModel(state: Float64Array, n: number, vV: number): void {
  const d = compileDevice('mose2');
  for (let k = 0; k < n; k++) {
    d.advance(state, 0, vV, E4_SCHEME.widthS);
    d.advance(state, 0, 0, E4_SCHEME.intervalS);
  }
}

describe('pulse programming on the device model', () => {
  const prog = new PulseProgrammer('mose2');

  it('window spans pristine to the top of the E4 LTP train of the model', () => {
    const d = compileDevice('mose2');
    const s = new Float64Array(d.stride);
    d.init(s, 0);
    expect(prog.window.gMinS).toBe(d.conductance(s, 0));
    stepModel(s, E4_SCHEME.pulsesFullRange, E4_SCHEME.potentiateV);
    expect(prog.window.gMaxS).toBeCloseTo(d.conductance(s, 0), 20);
    expect(prog.window.gMaxS).toBeGreaterThan(prog.window.gMinS);
    // LTD moves back down from the top
    expect(prog.window.ltdS[E4_SCHEME.pulsesFullRange]).toBeLessThan(prog.window.ltdS[0]);
  });

  it('crossbar pulses reproduce stepping the model directly, LTP then LTD', () => {
    const rng = new Rng(3);
    const xb = new CrossbarLayer(prog, 1, 1, { ...DEFAULT_CROSSBAR, wMax: 1, scheme: 'bidirectional', maxPulsesPerUpdate: 25 }, rng);
    const wStep = 1 / E4_SCHEME.pulsesFullRange;
    // An update worth exactly 7 nominal pulses (integer: no stochastic rounding) raises G+ by 7 LTP pulses.
    const grad = new Float64Array([-7 * wStep]);
    xb.update(grad, 1, rng);
    const ref = new Float64Array(4);
    compileDevice('mose2').init(ref, 0);
    stepModel(ref, 7, E4_SCHEME.potentiateV);
    const sPlus = xb.deviceState(0, false);
    for (let k = 0; k < 4; k++) expect(sPlus[k]).toBeCloseTo(ref[k], 14);
    const g = xb.conductances();
    const d = compileDevice('mose2');
    expect(g[0]).toBeCloseTo(d.conductance(ref, 0), 20);
    expect(xb.w[0]).toBeCloseTo((g[0] - g[1]) / (prog.window.gMaxS - prog.window.gMinS), 12);
    // A negative update of 3 pulses: G- (pristine) has the whole window above it, more than G+ has below it: G- rises.
    xb.update(new Float64Array([3 * wStep]), 1, rng);
    const refMinus = new Float64Array(4);
    d.init(refMinus, 0);
    stepModel(refMinus, 3, E4_SCHEME.potentiateV);
    const sMinus = xb.deviceState(0, true);
    for (let k = 0; k < 4; k++) expect(sMinus[k]).toBeCloseTo(refMinus[k], 14);
  });

  it('LTD pulses go to the device with more room and follow the model', () => {
    const rng = new Rng(5);
    const xb = new CrossbarLayer(prog, 1, 1, { ...DEFAULT_CROSSBAR, wMax: 1, scheme: 'bidirectional', maxPulsesPerUpdate: 25 }, rng);
    const wStep = 1 / E4_SCHEME.pulsesFullRange;
    xb.update(new Float64Array([10 * wStep]), 1, rng); // dw < 0: G+ is at gMin, so G- rises by 10 LTP pulses
    xb.update(new Float64Array([-25 * wStep]), 1, rng); // dw > 0: G+ has the whole window above it: 25 LTP pulses
    xb.update(new Float64Array([4 * wStep]), 1, rng); // dw < 0: G+ has more room down than G- up: 4 LTD pulses on G+
    expect(xb.stats.pulsesLtp).toBe(35);
    expect(xb.stats.pulsesLtd).toBe(4);
    const d = compileDevice('mose2');
    const plus = new Float64Array(4);
    const minus = new Float64Array(4);
    d.init(plus, 0);
    d.init(minus, 0);
    stepModel(minus, 10, E4_SCHEME.potentiateV);
    stepModel(plus, 25, E4_SCHEME.potentiateV);
    stepModel(plus, 4, E4_SCHEME.depressV);
    const sp = xb.deviceState(0, false);
    const sm = xb.deviceState(0, true);
    for (let k = 0; k < 4; k++) {
      expect(sp[k]).toBeCloseTo(plus[k], 14);
      expect(sm[k]).toBeCloseTo(minus[k], 14);
    }
    expect(xb.w[0]).toBeCloseTo((d.conductance(plus, 0) - d.conductance(minus, 0)) / (prog.window.gMaxS - prog.window.gMinS), 12);
  });

  it('potentiate scheme refuses pulses at the top of the window and marks the pair for refresh', () => {
    const rng = new Rng(1);
    const xb = new CrossbarLayer(prog, 1, 1, { ...DEFAULT_CROSSBAR, wMax: 1, scheme: 'potentiate', maxPulsesPerUpdate: 100, refresh: true }, rng);
    xb.update(new Float64Array([-60 / E4_SCHEME.pulsesFullRange]), 1, rng);
    expect(xb.stats.pulsesLtp).toBe(E4_SCHEME.pulsesFullRange);
    expect(xb.stats.saturated).toBe(60 - E4_SCHEME.pulsesFullRange);
    expect(xb.conductances()[0]).toBeCloseTo(prog.window.gMaxS, 20);
    expect(xb.w[0]).toBeCloseTo(1, 12);
    expect(xb.refreshPairs(rng)).toBe(1);
    // After a refresh the weight is written back to within a pulse or two of where it was.
    expect(Math.abs(xb.w[0] - 1)).toBeLessThan(3 / E4_SCHEME.pulsesFullRange);
  });

  it('stochastic rounding is unbiased for sub-pulse updates', () => {
    const rng = new Rng(11);
    const n = 400;
    const xb = new CrossbarLayer(prog, n, 1, { ...DEFAULT_CROSSBAR, wMax: 1, scheme: 'potentiate' }, rng);
    const grad = new Float64Array(n).fill(-0.3 / E4_SCHEME.pulsesFullRange);
    xb.update(grad, 1, rng);
    // Each weight gets one pulse with probability 0.3: binomial(400, 0.3) = 120 +- 9.2
    expect(Math.abs(xb.stats.pulsesLtp - 120)).toBeLessThan(4 * 9.2);
  });
});
