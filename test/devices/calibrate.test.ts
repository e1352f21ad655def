import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { minimise } from '../../src/devices/calibrate/optimise.ts';
import { DIM, FREE, LOG_HI, LOG_LO, fromLog, getParam, toLog } from '../../src/devices/calibrate/space.ts';
import { evaluate, toleranceError } from '../../src/devices/calibrate/objective.ts';
import { calibrate } from '../../src/devices/calibrate/index.ts';
import { renderPreset, roundParams } from '../../src/devices/calibrate/preset-file.ts';
import { mose2Preset } from '../../src/devices/presets/mose2.ts';

/** Rosenbrock in n dimensions: minimum 0 at (1, ..., 1). */
function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
}

describe('minimise (Nelder-Mead with restarts)', () => {
  const lo = new Float64Array(4).fill(-3);
  const hi = new Float64Array(4).fill(3);
  it('finds the minimum of the 4-D Rosenbrock function', () => {
    const r = minimise(rosenbrock, new Float64Array([-1.2, 1, -1.2, 1]), { lo, hi, seed: 3, maxEvals: 8000, step: 0.5 });
    expect(r.value).toBeLessThan(1e-8);
    for (const xi of r.x) expect(Math.abs(xi - 1)).toBeLessThan(1e-3);
    expect(r.evals).toBeLessThanOrEqual(8000);
  });
  it('respects the bounds: a minimum outside the box lands on its face', () => {
    const f = (x: Float64Array): number => (x[0] - 5) ** 2 + (x[1] + 0.5) ** 2;
    const r = minimise(f, new Float64Array([0, 0]), { lo: new Float64Array([-1, -1]), hi: new Float64Array([2, 2]), seed: 1, maxEvals: 2000 });
    expect(r.x[0]).toBe(2);
    expect(Math.abs(r.x[1] + 0.5)).toBeLessThan(1e-4);
  });
  it('is deterministic for a seed', () => {
    const a = minimise(rosenbrock, new Float64Array([0, 0, 0, 0]), { lo, hi, seed: 9, maxEvals: 500, screenPoints: 20 });
    const b = minimise(rosenbrock, new Float64Array([0, 0, 0, 0]), { lo, hi, seed: 9, maxEvals: 500, screenPoints: 20 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.value).toBe(b.value);
  });
});

describe('parameter space', () => {
  it('maps log-values to parameters and back', () => {
    const u = toLog(mose2Preset);
    expect(u.length).toBe(DIM);
    const p = fromLog(mose2Preset, u);
    FREE.forEach((f, i) => {
      expect(u[i]).toBeGreaterThanOrEqual(LOG_LO[i]);
      expect(u[i]).toBeLessThanOrEqual(LOG_HI[i]);
      expect(Math.abs(getParam(p, f.key) - getParam(mose2Preset, f.key)) / getParam(mose2Preset, f.key)).toBeLessThan(1e-12);
    });
    // Fixed parameters are carried over untouched.
    expect(p.thresholdV).toBe(mose2Preset.thresholdV);
    expect(p.sens.weightS).toBe(mose2Preset.sens.weightS);
  });
});

describe('objective', () => {
  it('normalises errors to the tolerance band', () => {
    expect(toleranceError(0.5, 0.55, 0.1)).toBeCloseTo(1, 12);
    expect(toleranceError(27, 27, 0.15)).toBe(0);
    expect(toleranceError(10, 10 / 1.15, 0.15)).toBeCloseTo(-1, 12);
    expect(toleranceError(10, Infinity, 0.15)).toBeGreaterThan(50);
  });
  it('sees a device without the high-bias volatile component miss the 5 V forgetting time', () => {
    const broken = { ...mose2Preset, medium: { ...mose2Preset.medium, weightS: 1e-15 } };
    const ev = evaluate(broken);
    const tau5 = ev.terms.find((t) => t.name === 'E10 tau at 5 V (s)')!;
    expect(tau5.error).toBeLessThan(-1);
    expect(ev.value).toBeGreaterThan(evaluate(mose2Preset).value + 2);
  });
});

describe('committed preset', () => {
  const ev = evaluate(mose2Preset);
  it('meets every target and bound of the objective (|error| <= 1)', () => {
    const misses = ev.terms.filter((t) => !(Math.abs(t.error) <= 1)).map((t) => `${t.name}: ${t.simulated} vs ${t.target}`);
    expect(misses).toEqual([]);
  });
  it('is the calibrator output: its header states its own objective value', () => {
    const src = readFileSync(new URL('../../src/devices/presets/mose2.ts', import.meta.url), 'utf8');
    const m = /Objective J = ([0-9.]+)/.exec(src);
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m![1]) - ev.value)).toBeLessThan(1e-6 + 1e-6 * ev.value);
  });
  it('renders back to a file with the same numbers', () => {
    const text = renderPreset(roundParams(mose2Preset), ev, { seed: 1, iterations: 1, evals: 1 });
    for (const f of FREE) {
      const name = f.key.split('.').pop()!;
      expect(text).toContain(`${name}: ${String(getParam(mose2Preset, f.key))},`);
    }
  });
});

describe('calibrate', () => {
  it('same seed, same preset, within the evaluation budget', () => {
    const a = calibrate({ seed: 5, iterations: 60 });
    const b = calibrate({ seed: 5, iterations: 60 });
    expect(a.presetSource).toBe(b.presetSource);
    expect(a.evals).toBe(60);
  });
});
