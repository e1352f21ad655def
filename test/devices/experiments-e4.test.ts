import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE, compileDevice, devices } from '../../src/devices/registry.ts';
import { mose2Model, type Mose2Params } from '../../src/devices/mose2.ts';
import { COMPONENTS } from '../../src/devices/mose2.ts';
import { DeviceUnderTest, READ_BIAS_V, innocuousDefaults } from '../../src/devices/experiments.ts';
import { depressionVersusControl, lastingFraction, ltpLtdConductance, ltpLtdNonlinearity } from '../../src/devices/experiments-e4.ts';
import { ppfIndices } from '../../src/devices/calibrate/objective.ts';
import { fitExpDecay } from '../../src/analysis/fit.ts';
import { article } from '../../src/devices/targets.ts';

const preset = devices.mose2.preset;
const device = compileDevice(DEFAULT_DEVICE);

/** The preset with every depression rate set to zero: negative pulses then only let the state relax. */
function withoutDepression(p: Mose2Params): Mose2Params {
  const out: Record<string, unknown> = { ...p };
  for (const c of COMPONENTS) out[c] = { ...p[c], depRateRefPerS: 0 };
  return out as unknown as Mose2Params;
}

describe('E4: LTD is depression, not forgetting (spec: >= 1.5 x the read-bias control)', () => {
  it('the -3 V train removes at least 1.5 times what the same time at the read bias removes', () => {
    const r = depressionVersusControl(device);
    expect(r.controlFallS).toBeGreaterThan(0);
    expect(r.ratio).toBeGreaterThanOrEqual(1.5);
  });
  it('fails without depression: the same comparison on a device whose negative pulses only relax gives about 1', () => {
    const r = depressionVersusControl(mose2Model.compile(withoutDepression(preset)));
    expect(r.ratio).toBeLessThan(1.5);
    expect(Math.abs(r.ratio - 1)).toBeLessThan(0.2);
  });
  it('"falls step by step" alone proves nothing: the read bias alone also lowers G after every interval', () => {
    const dut = new DeviceUnderTest(device);
    for (let k = 0; k < 25; k++) {
      dut.hold(3, 0.05);
      dut.hold(READ_BIAS_V, 0.05);
    }
    let prev = device.conductance(dut.state, 0);
    for (let k = 0; k < 25; k++) {
      dut.hold(READ_BIAS_V, 0.1);
      const g = device.conductance(dut.state, 0);
      expect(g).toBeLessThan(prev);
      prev = g;
    }
  });
});

describe('E6: NeuroSim nonlinearity of the E4 curve (spec: |NL| <= 3)', () => {
  it('LTP and LTD labels of the last cycle are within 3 in magnitude', () => {
    const nl = ltpLtdNonlinearity(device);
    expect(Math.abs(nl.ltp.label)).toBeLessThanOrEqual(3);
    expect(Math.abs(nl.ltd.label)).toBeLessThanOrEqual(3);
    expect(nl.ltp.label).toBeGreaterThan(0);
    expect(nl.ltd.label).toBeLessThan(0);
  });
  it('fails when the lasting component cannot follow: without the slow integrator the curve saturates (|NL| > 3)', () => {
    const p = { ...preset, slow: { ...preset.slow, weightS: 0 } };
    const nl = ltpLtdNonlinearity(mose2Model.compile(p));
    expect(Math.max(Math.abs(nl.ltp.label), Math.abs(nl.ltd.label))).toBeGreaterThan(3);
  });
  it('the E4 conductance series has 2 x 25 x 5 reads after the pristine one', () => {
    expect(ltpLtdConductance(device).length).toBe(2 * 25 * 5 + 1);
  });
  it('lasting fraction after a 5 s rest is a share of the potentiation (between 0 and 1)', () => {
    const f = lastingFraction(device);
    expect(f).toBeGreaterThan(0);
    expect(f).toBeLessThan(1);
  });
});

describe('checks that hold by construction (kept out of the report)', () => {
  it('E3: at 1.5 V only the fast component moves, so PPF decays as one exponential with its relaxation time', () => {
    const gaps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];
    const fit = fitExpDecay(gaps, ppfIndices(device), { tauMinS: 1e-3, tauMaxS: 100 });
    expect(fit.r2).toBeGreaterThan(0.9999);
    const tauAtRead = preset.fast.tauS * Math.exp(-preset.fast.tauSlopePerV * READ_BIAS_V);
    expect(Math.abs(fit.tauS - tauAtRead) / tauAtRead).toBeLessThan(0.02);
  });
  it('E11: the innocuous protocol is followed for at least the 60 s the spec asks', () => {
    expect(innocuousDefaults.durationS).toBeGreaterThanOrEqual(article.innocuous.holdS);
    expect(article.innocuous.holdS).toBe(60);
  });
});
