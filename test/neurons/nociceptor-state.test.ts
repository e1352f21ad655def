import { describe, expect, it } from 'vitest';
import { compileNociceptors } from '../../src/neurons/nociceptor.ts';
import { stimulusWave } from '../../src/neurons/nociceptor-protocols.ts';
import { SENSITISATION_STATES, SensitisationTracker, sensitisationDefaults } from '../../src/neurons/nociceptor-state.ts';
import { oneComponentDevice, registerTestDevice, runNociceptors } from './nociceptor-helpers.ts';

// One volatile component: dx/dt = 0.25/s (1 - x) - x / 2 s at V >= 5 V; ohmic, G = 40 nS + 290 nS x.
const spec = { g0: 40e-9, g1: 290e-9, rate: 0.25, vOn: 5, tauS: 2 };
const device = oneComponentDevice(spec);
const thresholdA = 200e-9;
const law = { thresholdA, maxRateHz: 100, halfRateA: 80e-9 };
const check = 0.25;
const margin = 0.2;
const recovered = 0.05;

// Closed forms of the state conditions in terms of x.
const b7 = spec.rate + 1 / spec.tauS;
const xi7 = spec.rate / b7;
const W = sensitisationDefaults.noxiousRefWidthS;
// Spike response: int_0^W r(I(t)) dt with I(t) = P + Q e^{-b7 t} at 7 V (above I_nox throughout, as x rises from x >= 0):
// r = r_max (1 - I_half / (u + I_half)), u = I - I_nox, and int dt / (c + Q e^{-bt}) = (t + ln(c + Q e^{-bt}) / b) / c.
const response = (x: number): number => {
  const P = 7 * (spec.g0 + spec.g1 * xi7);
  const Q = 7 * spec.g1 * (x - xi7);
  const c = P - thresholdA + law.halfRateA;
  return law.maxRateHz * (W - (law.halfRateA / c) * (W + Math.log((c + Q * Math.exp(-b7 * W)) / (c + Q)) / b7));
};
const r0 = response(0);
const hys = 0.1;
// Innocuous reference pulse at 2 V (below vOn): the device only relaxes, so its response is the current at its start.
const xAllodynia = (thresholdA / 2 - spec.g0) / spec.g1; // I(2 V) = I_nox
const xAllodyniaExit = (((1 - hys) * thresholdA) / 2 - spec.g0) / spec.g1;
const xOfResponse = (ratio: number): number => {
  let lo = 0;
  let hi = xi7;
  for (let k = 0; k < 200; k++) {
    const m = 0.5 * (lo + hi);
    if (response(m) < ratio * r0) lo = m;
    else hi = m;
  }
  return 0.5 * (lo + hi);
};
const xHyper = xOfResponse(1 + margin);
const xHyperExit = xOfResponse(1 + (1 - hys) * margin);
const xNormal = xOfResponse(1 + recovered);

describe('sensitisation state machine on a scripted injury', () => {
  it('goes normal -> hyperalgesia -> allodynia during the noxious pulse, then hyperalgesia -> recovery -> normal as it relaxes', () => {
    expect(xNormal).toBeLessThan(xHyper);
    expect(xHyper).toBeLessThan(xAllodyniaExit);
    expect(xHyperExit).toBeGreaterThan(xNormal);
    const widthS = 2;
    const durationS = 20;
    const run = runNociceptors(
      registerTestDevice('test-one-component', device),
      { ...law, checkIntervalS: check, hyperalgesiaMargin: margin, recoveredMargin: recovered },
      [stimulusWave([{ amplitudeV: 7, widthS, intervalS: 0, count: 1, startS: 0 }], durationS, 0)],
      durationS,
    );
    const t = run.rec.stateChanges;
    const changes = Array.from({ length: t.rows }, (_, r) => ({ tS: t.get(r, 0), to: SENSITISATION_STATES[t.get(r, 3)] }));
    expect(changes.map((c) => c.to)).toEqual(['hyperalgesia', 'allodynia', 'hyperalgesia', 'recovery', 'normal']);
    // Rising during the pulse: x(t) = xi7 (1 - e^{-b7 t}); decaying after it: x = x(W) e^{-(t - W)/tau}.
    const riseTo = (x: number): number => -Math.log(1 - x / xi7) / b7;
    const xEnd = xi7 * (1 - Math.exp(-b7 * widthS));
    const decayTo = (x: number): number => widthS + spec.tauS * Math.log(xEnd / x);
    const exact = [riseTo(xHyper), riseTo(xAllodynia), decayTo(xAllodyniaExit), decayTo(xHyperExit), decayTo(xNormal)];
    changes.forEach((c, k) => {
      // Seen at the first check (or stimulus edge) at or after the exact time.
      expect(c.tS).toBeGreaterThanOrEqual(exact[k] - 1e-9);
      expect(c.tS - exact[k]).toBeLessThanOrEqual(check + 1e-9);
    });
    // The rows of states.csv carry the same transitions as codes.
    expect(t.rows).toBe(5);
    expect(SENSITISATION_STATES[t.get(4, 3)]).toBe('normal');
  });

  it('a nociceptor that was never sensitised stays normal under an innocuous stimulus', () => {
    const run = runNociceptors(registerTestDevice('test-one-component', device), { ...law }, [stimulusWave([{ amplitudeV: 2, widthS: 0.5, intervalS: 0.5, count: 10, startS: 0 }], 10, 0)], 10);
    expect(run.rec.stateChanges.rows).toBe(0);
    expect(run.rec.count).toBe(0);
  });

  it('gives allodynia precedence when both conditions hold', () => {
    const n = compileNociceptors(1, { ...law, device });
    const tracker = new SensitisationTracker(n, { hyperalgesiaMargin: margin, recoveredMargin: recovered });
    const s = new Float64Array(n.stride);
    n.init(s, 0);
    s[0] = 0.9; // both I(2 V) >= I_nox and the noxious response far above pristine
    expect(tracker.allodynic(s, 0)).toBe(true);
    expect(tracker.noxiousSpikeExcess(s, 0)).toBeGreaterThan(margin);
    expect(tracker.check(s, 0, 1)).toBe(true);
    expect(SENSITISATION_STATES[tracker.code[0]]).toBe('allodynia');
  });

  it('has hysteresis: between the exit and entry thresholds a nociceptor keeps its state', () => {
    const n = compileNociceptors(1, { ...law, device });
    const tracker = new SensitisationTracker(n, { hyperalgesiaMargin: margin, recoveredMargin: recovered, hysteresis: hys });
    const s = new Float64Array(n.stride);
    n.init(s, 0);
    s[0] = 0.5 * (xAllodynia + xAllodyniaExit);
    expect(SENSITISATION_STATES[tracker.next(s, 0, 1)]).toBe('allodynia');
    expect(SENSITISATION_STATES[tracker.next(s, 0, 0)]).toBe('hyperalgesia');
    s[0] = 0.5 * (xHyper + xHyperExit);
    expect(SENSITISATION_STATES[tracker.next(s, 0, 2)]).toBe('hyperalgesia');
    expect(SENSITISATION_STATES[tracker.next(s, 0, 3)]).toBe('recovery');
    expect(SENSITISATION_STATES[tracker.next(s, 0, 0)]).toBe('normal');
  });

  it('rejects a recovered margin above the hyperalgesia margin', () => {
    const n = compileNociceptors(1, { ...law, device });
    expect(() => new SensitisationTracker(n, { hyperalgesiaMargin: 0.1, recoveredMargin: 0.2 })).toThrow(/recoveredMargin/);
  });
});
