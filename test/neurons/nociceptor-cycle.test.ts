/**
 * Cycle-to-cycle variation of nociceptor devices (src/neurons/nociceptor-cycle.ts):
 * off at sigma 0, seeded per (seed, receptor, pulse), the spread of the
 * per-pulse current change is that of the lognormal factor, and the varied
 * trajectory inside a pulse is the fine fixed-step integration of the varied law.
 */
import { describe, expect, it } from 'vitest';
import type { Mose2Params, MemristorComponentParams } from '../../src/devices/mose2.ts';
import { COMPONENTS } from '../../src/devices/mose2.ts';
import { DEFAULT_DEVICE, devicePreset } from '../../src/network/devices.ts';
import { Network, SpikeRecorder, type NetworkDescription, type VariationDesc } from '../../src/network/index.ts';
import { validateNetwork } from '../../src/network/validate.ts';
import { prepareCircuit } from '../../src/circuit/load.ts';
import { compileNociceptors, nociceptorDefaults } from '../../src/neurons/nociceptor.ts';
import { firingRate } from '../../src/neurons/nociceptor-phase.ts';
import { pulseFactor } from '../../src/neurons/nociceptor-cycle.ts';

function desc(seed: number, variation?: VariationDesc, size = 12): NetworkDescription {
  return {
    durationS: 1.5,
    seed,
    populations: [{ name: 'skin', model: 'nociceptor', size, grid: { width: size / 2, height: 2 }, ...(variation ? { variation } : {}) }],
    stimuli: [
      { kind: 'uniform', population: 'skin', waveform: { kind: 'pulse-train', amplitudeV: 5, widthS: 0.05, intervalS: 0.15, count: 6, readV: 0.1 } },
      { kind: 'neurons', population: 'skin', neurons: [0, 1, 2], waveform: { kind: 'pulse-train', amplitudeV: 2, widthS: 0.3, intervalS: 0.2, count: 2, startS: 0.02 } },
    ],
    probes: [{ kind: 'neuron', population: 'skin', neurons: Array.from({ length: size }, (_, i) => i), variable: 'i_A', intervalS: 0.01 }],
  };
}

/** Everything a run emits, as text: spike times and neurons, every probe sample. */
function run(d: NetworkDescription): { text: string; counts: number[]; trains: string[]; firstPulse: string[]; shared: number } {
  const net = new Network(d);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  const size = d.populations[0].size;
  const probes = Array.from({ length: size }, (_, c) => Array.from(rec.probe(c)[1]));
  const counts = Array.from({ length: size }, (_, i) => rec.trainOf(i).length);
  const trains = Array.from({ length: size }, (_, i) => Array.from(rec.trainOf(i)).join(','));
  const firstPulse = Array.from({ length: size }, (_, i) => Array.from(rec.trainOf(i).filter((t) => t < 0.05)).join(','));
  return { text: JSON.stringify([Array.from(rec.times), Array.from(rec.neurons), probes]), counts, trains, firstPulse, shared: net.burstFigures().shared };
}

describe('nociceptor cycle-to-cycle variation in networks', () => {
  it('is off at sigma 0: the run is byte-identical to one without the field', () => {
    const base = run(desc(3));
    expect(run(desc(3, { cycleToCycle: 0 })).text).toBe(base.text);
    expect(run(desc(3, { deviceToDevice: 0, cycleToCycle: 0 })).text).toBe(base.text);
    // Receptors of the uniform region are identical without variation.
    expect(new Set(base.counts.slice(3)).size).toBe(1);
    expect(base.counts[3]).toBeGreaterThan(5);
    // ... and share their bursts (the uniform-region path).
    expect(base.shared).toBeGreaterThan(0);
  });

  it('same seed: byte-identical rerun; another seed differs; receptors diverge', () => {
    const v = { cycleToCycle: 0.05 };
    const a = run(desc(3, v));
    expect(run(desc(3, v)).text).toBe(a.text);
    expect(run(desc(4, v)).text).not.toBe(a.text);
    expect(a.text).not.toBe(run(desc(3)).text);
    // The uniform region's receptors each draw their own pulses (final currents all differ).
    const last = JSON.parse(a.text)[2].map((p: number[]) => p[p.length - 1]) as number[];
    expect(new Set(last.slice(3)).size).toBe(last.length - 3);
    expect(new Set(a.trains.slice(3)).size).toBe(a.trains.length - 3);
    // Already in the first pulse, from identical rows: each its own factor.
    expect(new Set(a.firstPulse.slice(3)).size).toBe(a.firstPulse.length - 3);
    // With device-to-device variation too (one model per device): still seeded per receptor.
    const both = { deviceToDevice: 0.05, cycleToCycle: 0.05 };
    const b = run(desc(3, both));
    expect(run(desc(3, both)).text).toBe(b.text);
    expect(b.text).not.toBe(run(desc(3, { deviceToDevice: 0.05 })).text);
  });
});

describe('the spread of the per-pulse current change', () => {
  for (const sigma of [0.035, 0.1]) {
    it(`matches the lognormal factor's closed form (s = ${sigma})`, () => {
      const n = 400;
      const pulses = 10;
      const seed = 99;
      const m = compileNociceptors(n, { cycleToCycle: sigma, cycleSeed: seed });
      const state = new Float64Array(n * m.stride);
      const d = m.device.stride;
      const nominal = new Float64Array(d);
      const ratios: number[] = [];
      const factors: number[] = [];
      for (let i = 0; i < n; i++) m.init(state, i);
      for (let p = 0; p < pulses; p++) {
        for (let i = 0; i < n; i++) {
          m.setDrive(state, i, 3);
          const i0 = m.currentA(state, i);
          for (let k = 0; k < d; k++) nominal[k] = state[m.deviceOffset(i) + k];
          m.device.advance(nominal, 0, 3, 0.01);
          m.advance(state, i, 0.01);
          ratios.push((m.currentA(state, i) - i0) / (m.device.current(nominal, 0, 3) - i0));
          factors.push(pulseFactor(sigma, seed, i, p));
          m.setDrive(state, i, 0);
          m.advance(state, i, 0.09);
        }
      }
      const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
      const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (ratios.length - 1));
      const expectedSd = Math.sqrt(Math.exp(sigma * sigma) - 1);
      // 4000 samples: standard error of the mean ~ sd / 63, of the sd ~ 1.1 %.
      expect(Math.abs(mean - 1)).toBeLessThan(4 * (expectedSd / Math.sqrt(ratios.length)) + 0.003 * sigma);
      expect(Math.abs(sd / expectedSd - 1)).toBeLessThan(0.06);
      // Each pulse's change follows its own hashed factor (short pulse: change ~ f times nominal).
      for (let j = 0; j < ratios.length; j++) expect(Math.abs(ratios[j] - factors[j])).toBeLessThan(0.1 * sigma);
    });
  }
});

/** The MoSe2 law of one component under vV (rates from the preset's parameters). */
function law(p: Mose2Params, c: MemristorComponentParams, vV: number): { a: number; d: number; relax: number } {
  const driven = Math.abs(vV) > p.thresholdV;
  const a = driven && vV > 0 ? c.potRateRefPerS * Math.exp(c.potSlopePerV * (vV - p.potRefV)) : 0;
  const d = driven && vV < 0 ? c.depRateRefPerS * Math.exp(c.depSlopePerV * (Math.abs(vV) - p.depRefV)) : 0;
  const relax = c.tauS === Infinity ? 0 : Math.exp(c.tauSlopePerV * Math.abs(vV)) / c.tauS;
  return { a, d, relax };
}

function currentOf(p: Mose2Params, x: Float64Array, vV: number): number {
  const w = COMPONENTS.map((c) => p[c].weightS);
  const paths = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[4] * x[4];
  const g = p.baseConductanceS + paths * (1 + p.sensitisationGain * x[3]) + w[3] * x[3];
  return (g * Math.sinh(p.conductionBetaPerV * vV)) / p.conductionBetaPerV;
}

describe('the varied trajectory inside a pulse', () => {
  it('equals a fine fixed-step integration of the varied law (current and spike times)', () => {
    const p = devicePreset(DEFAULT_DEVICE) as Mose2Params;
    const sigma = 0.3;
    const seed = 5;
    const receptor = 2;
    const vV = 5;
    const m = compileNociceptors(3, { cycleToCycle: sigma, cycleSeed: seed });
    const state = new Float64Array(3 * m.stride);
    m.init(state, receptor);
    // Reference: RK4 of dx/dt = f (a (1 - x) - d x - relax x) for driven components, dphi/dt = r(I).
    const h = 2e-6;
    const x = new Float64Array(5);
    const rest = COMPONENTS.map((c) => law(p, p[c], 0));
    // Sample times inside the 0.4 s pulse.
    const samples = [0.05, 0.1, 0.2, 0.3, 0.4];
    for (let pulse = 0; pulse < 2; pulse++) {
      const f = pulseFactor(sigma, seed, receptor, pulse);
      expect(Math.abs(f - 1)).toBeGreaterThan(0.05);
      const laws = COMPONENTS.map((c) => law(p, p[c], vV));
      const rate = (xs: Float64Array, k: number): number => {
        const l = laws[k];
        const driven = l.a !== rest[k].a || l.d !== rest[k].d;
        return (driven ? f : 1) * (l.a * (1 - xs[k]) - l.d * xs[k] - l.relax * xs[k]);
      };
      m.setDrive(state, receptor, vV);
      expect(m.phase(state, receptor)).toBe(0);
      let phi = 0;
      let t = 0;
      const spikes: number[] = [];
      const k1 = new Float64Array(6), k2 = new Float64Array(6), k3 = new Float64Array(6), k4 = new Float64Array(6), y = new Float64Array(5);
      const deriv = (xs: Float64Array, out: Float64Array): void => {
        for (let k = 0; k < 5; k++) out[k] = rate(xs, k);
        out[5] = firingRate(nociceptorDefaults, currentOf(p, xs, vV));
      };
      // Reference to the pulse end, with the current at the sample times.
      const refI: number[] = [];
      let next = 0;
      while (next < samples.length) {
        deriv(x, k1);
        for (let k = 0; k < 5; k++) y[k] = x[k] + 0.5 * h * k1[k];
        deriv(y, k2);
        for (let k = 0; k < 5; k++) y[k] = x[k] + 0.5 * h * k2[k];
        deriv(y, k3);
        for (let k = 0; k < 5; k++) y[k] = x[k] + h * k3[k];
        deriv(y, k4);
        for (let k = 0; k < 5; k++) x[k] += (h / 6) * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
        const dphi = (h / 6) * (k1[5] + 2 * k2[5] + 2 * k3[5] + k4[5]);
        if (phi + dphi >= 1) {
          spikes.push(t + (h * (1 - phi)) / dphi);
          phi += dphi - 1;
        } else phi += dphi;
        t += h;
        if (t >= samples[next] - h / 2) {
          refI.push(currentOf(p, x, vV));
          next++;
        }
      }
      // The model, event-driven: spike by spike to each sample time.
      const got: number[] = [];
      let modelT = 0;
      for (let j = 0; j < samples.length; j++) {
        for (;;) {
          const dt = m.nextSpikeDelay(state, receptor, samples[j] - modelT);
          if (!(modelT + dt < samples[j])) break;
          m.advance(state, receptor, dt);
          modelT += dt;
          got.push(modelT);
          m.fire(state, receptor);
        }
        m.advance(state, receptor, samples[j] - modelT);
        modelT = samples[j];
        expect(Math.abs(m.currentA(state, receptor) / refI[j] - 1)).toBeLessThan(1e-10);
      }
      expect(Math.abs(phi - m.phase(state, receptor))).toBeLessThan(1e-7);
      expect(got.length).toBe(spikes.length);
      expect(spikes.length).toBeGreaterThan(10);
      for (let j = 0; j < got.length; j++) expect(Math.abs(got[j] - spikes[j])).toBeLessThan(1e-8);
      // Rest between pulses (nominal relaxation in both).
      m.setDrive(state, receptor, 0);
      m.advance(state, receptor, 0.3);
      for (let k = 0; k < 5; k++) {
        const l = rest[k];
        const b = l.a + l.d + l.relax;
        x[k] *= Math.exp(-b * 0.3);
      }
      m.fire(state, receptor);
    }
  });
});

describe('the variation field', () => {
  it('is validated with the JSON path and the expected range', () => {
    const bad = (variation: unknown) => () => validateNetwork(desc(1, variation as VariationDesc));
    expect(bad({ cycleToCycle: 1.5 })).toThrow(/populations\[0\] "skin"\.variation\.cycleToCycle: expected a number in \[0, 1\], got 1\.5/);
    expect(bad({ cycleToCycle: 'x' })).toThrow(/variation\.cycleToCycle: expected a finite number/);
    expect(bad({ cycleTocycle: 0.1 })).toThrow(/variation\.cycleTocycle: unknown field; expected deviceToDevice, cycleToCycle or sameDevice/);
    expect(bad({ cycleToCycle: 0.1 })).not.toThrow();
    const lif: NetworkDescription = { durationS: 1, seed: 1, populations: [{ name: 'a', model: 'lif', size: 1, variation: { cycleToCycle: 0.1 } }] };
    expect(() => validateNetwork(lif)).toThrow(/populations\[0\] "a"\.device: neuron model "lif" has no device/);
  });

  it('the model refuses a sigma outside (0, 1]', () => {
    expect(() => compileNociceptors(1, { cycleToCycle: 3 })).toThrow(/cycle-to-cycle variation must be a relative sigma in \(0, 1\], got 3/);
  });
});

describe('circuit files', () => {
  const circuit = (variation: unknown) => ({
    durationS: 0.5,
    seed: 1,
    populations: [{ name: 'skin', model: 'nociceptor', size: 2, variation }],
    stimuli: [{ kind: 'uniform', population: 'skin', waveform: { kind: 'constant', value: 5 } }],
  });

  it('take variation.cycleToCycle beside deviceToDevice, checked by the schema', () => {
    const ok = prepareCircuit(circuit({ deviceToDevice: 0.02, cycleToCycle: 0.035 }), 'c.json');
    expect(ok.network.populations[0].variation).toEqual({ deviceToDevice: 0.02, cycleToCycle: 0.035 });
    expect(() => prepareCircuit(circuit({ cycleToCycle: -0.1 }), 'c.json')).toThrow(/c\.json: populations\.0\.variation\.cycleToCycle: .*>=0/);
  });
});
