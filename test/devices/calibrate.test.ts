import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { minimise } from '../../src/devices/calibrate/optimise.ts';
import { DIM, FREE, LOG_HI, LOG_LO, fromLog, getParam, toLog } from '../../src/devices/calibrate/space.ts';
import { evaluate, toleranceError } from '../../src/devices/calibrate/objective.ts';
import { calibrate } from '../../src/devices/calibrate/index.ts';
import { renderPreset, roundParams } from '../../src/devices/calibrate/preset-file.ts';
import { devices } from '../../src/devices/registry.ts';
import { counted } from '../../src/devices/calibrate/objective.ts';
import { fittedClaimIds } from '../../src/harness/basis.ts';
import { ARTICLE_CLAIMS } from '../../src/devices/claims.ts';

const mose2Preset = devices.mose2.preset;

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
  it('is the calibrator output byte for byte: rendering its own values and record gives the file', () => {
    const src = readFileSync(new URL('../../src/devices/presets/mose2.json', import.meta.url), 'utf8');
    const file = JSON.parse(src);
    const how = /--seed (\d+) --iterations (\d+)/.exec(file.generatedBy)!;
    const text = renderPreset(roundParams(mose2Preset), ev, { seed: Number(how[1]), iterations: Number(how[2]), evals: file.calibration.evaluations });
    expect(text).toBe(src);
    expect(Math.abs(file.calibration.objective - ev.value)).toBeLessThan(1e-6 + 1e-6 * ev.value);
  });
});

describe('claims and the objective', () => {
  const ev = evaluate(mose2Preset);
  it('every term names a catalogued claim or is an unstated bound; the fitted set is what the terms name', () => {
    for (const t of ev.terms) if (t.claim !== null) expect(ARTICLE_CLAIMS.has(t.claim), t.claim).toBe(true);
    expect([...fittedClaimIds()].sort()).toEqual([...new Set(ev.terms.flatMap((t) => (t.claim ? [t.claim] : [])))].sort());
    // Claims no term names are predictions.
    for (const id of ['E1.analog', 'E2.rises-every-sweep', 'E5.width', 'E9.rises']) expect(fittedClaimIds().has(id)).toBe(false);
  });
  it('leaving a claim out drops exactly its terms from J', () => {
    const ex = new Set(['E10.tau-4V']);
    const without = evaluate(mose2Preset, { exclude: ex });
    const dropped = ev.terms.filter((t) => !counted(t, ex));
    expect(dropped.map((t) => t.name)).toEqual(['E10 tau at 4 V (s)']);
    const w = dropped.reduce((a, t) => a + t.weight * t.error * t.error, 0);
    expect(Math.abs(ev.value - w - without.value)).toBeLessThan(1e-12 * Math.max(1, ev.value));
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
