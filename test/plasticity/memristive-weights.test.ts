import { describe, expect, it } from 'vitest';
import { compileDevice } from '../../src/devices/registry.ts';
import { MemristiveWeights, calibrateDevice, type MemristiveWeightsSpec } from '../../src/plasticity/memristive-weights.ts';

const device = compileDevice('mose2');
const spec: MemristiveWeightsSpec = {
  device,
  synapses: 3,
  potentiation: { amplitudeV: 4, widthS: 0.05 },
  depression: { amplitudeV: -3, widthS: 0.05 },
  initialWeight: 0.4,
};
const cal = calibrateDevice(spec);

describe('memristive weights programmed by pulses', () => {
  it('calibration: range from pristine to saturated, initial state at the requested weight', () => {
    const s = new Float64Array(device.stride);
    device.init(s, 0);
    expect(cal.gMinS).toBe(device.conductance(s, 0));
    expect(cal.gMaxS).toBeGreaterThan(cal.gMinS);
    const w = new MemristiveWeights(spec, cal);
    // read after 10 s: volatile parts gone; one pulse of overshoot at most
    const w0 = w.weight(0, 10);
    expect(w0).toBeGreaterThanOrEqual(0.4 - 0.01);
    expect(w0).toBeLessThan(0.4 + cal.potStep * 2 + 0.01);
    expect(cal.initialPulses).toBeGreaterThan(10);
  });

  it('a request of k steps applies k pulses through the device model, not a conductance write', () => {
    const w = new MemristiveWeights(spec, cal);
    const dw = w.apply(0, 7.5 * cal.potStep, 1);
    expect(w.potPulses).toBe(7);
    const s = cal.initialState.slice();
    device.advance(s, 0, 0, 1);
    const g0 = device.conductance(s, 0);
    device.advance(s, 0, 4, 7 * 0.05);
    expect(dw).toBeCloseTo((device.conductance(s, 0) - g0) / (cal.gMaxS - cal.gMinS), 12);
    expect(w.conductance(0, 1)).toBe(device.conductance(s, 0));
    // the half step is carried: the next half makes one more pulse
    w.apply(0, 0.5 * cal.potStep, 1);
    expect(w.potPulses).toBe(8);
    const d = w.apply(1, -3.2 * cal.depStep, 2);
    expect(w.depPulses).toBe(3);
    expect(d).toBeLessThan(0);
    expect(w.apply(2, 0.4 * cal.potStep, 2)).toBe(0);
    expect(w.potPulses).toBe(8);
  });

  it('device nonlinearity: the lasting step of one pulse shrinks as the weight nears its bound', () => {
    const w = new MemristiveWeights({ ...spec, synapses: 1 }, cal);
    const lastingStep = (t: number): number => {
      const before = w.weight(0, t + 10);
      w.apply(0, cal.potStep, t + 10);
      return w.weight(0, t + 30) - before;
    };
    const low = lastingStep(0);
    for (let k = 0; k < 200; k++) w.apply(0, 100 * cal.potStep, 40 + k);
    const hi = w.weight(0, 300);
    expect(hi).toBeGreaterThan(0.85);
    const high = lastingStep(300);
    expect(high).toBeLessThan(0.5 * low);
  });

  it('rejects a depression pulse of the wrong polarity, naming the field', () => {
    expect(() => new MemristiveWeights({ ...spec, depression: { amplitudeV: 3, widthS: 0.05 } }, cal)).toThrow(/depression.amplitudeV must be a finite negative voltage/);
  });
});

describe('state-aware programming', () => {
  it('the lasting change follows the request at low and high weight; open-loop does not', () => {
    const lasting = (programming: 'state-aware' | 'open-loop', w0: number, sign: number): number => {
      const s = { ...spec, synapses: 1, initialWeight: w0, programming };
      const c = calibrateDevice(s);
      // a request of several nominal pulses, so quantisation to whole pulses stays small
      const dw = sign > 0 ? 20 * c.potStep : -5 * c.depStep;
      const a = new MemristiveWeights(s, c);
      const b = new MemristiveWeights(s, c);
      a.apply(0, dw, 0);
      return (a.weight(0, 30) - b.weight(0, 30)) / dw;
    };
    for (const w0 of [0.2, 0.8]) {
      for (const sign of [-1, 1]) {
        const r = lasting('state-aware', w0, sign);
        expect(r).toBeGreaterThan(0.7);
        expect(r).toBeLessThan(1.3);
      }
    }
    // open-loop: potentiation (rate ~ 1 - x) is far weaker near the top than near the bottom
    expect(lasting('open-loop', 0.8, 1)).toBeLessThan(0.5 * lasting('open-loop', 0.2, 1));
  });
});
