import { describe, expect, it } from 'vitest';
import { stateAfterNoxious } from '../../src/devices/experiments.ts';
import { article } from '../../src/devices/targets.ts';
import { compileNociceptors } from '../../src/neurons/nociceptor.ts';
import { SENSITISATION_STATES, SensitisationTracker, noxiousSpikeResponse, sensitisationDefaults } from '../../src/neurons/nociceptor-state.ts';

// Hyperalgesia in spikes (spec, "Nociceptor behaviour"): after the E13 injury the
// spike count and the peak rate over a brief noxious test pulse exceed the
// pristine nociceptor's by at least 25 %.
const SPEC_MARGIN = 0.25;
const widths = article.incubation.map((e) => e.noxiousWidthS);

describe('hyperalgesia in spikes with the calibrated device and the default firing law', () => {
  const n = compileNociceptors(1);
  const pristine = noxiousSpikeResponse(n, new Float64Array(n.device.stride));

  it('a pristine nociceptor fires to the brief 7 V test pulse, from early in it', () => {
    expect(sensitisationDefaults.noxiousRefWidthS).toBe(0.05);
    expect(pristine.spikes).toBeGreaterThanOrEqual(4);
    expect(pristine.firstSpikeS).toBeLessThan(0.02);
  });

  it('after every E13 injury and the rest, count and peak rate exceed the pristine ones by >= 25 %', () => {
    for (const w of widths) {
      for (const restS of [5, 60]) {
        const injured = noxiousSpikeResponse(n, stateAfterNoxious(n.device, w, restS));
        expect(injured.spikes / pristine.spikes - 1).toBeGreaterThanOrEqual(SPEC_MARGIN);
        expect(injured.peakRateHz / pristine.peakRateHz - 1).toBeGreaterThanOrEqual(SPEC_MARGIN);
      }
    }
  });

  it('the state rule is that spike response: hyperalgesia exactly when S exceeds S0 by the margin', () => {
    const tracker = new SensitisationTracker(n);
    const fresh = new Float64Array(n.stride);
    expect(tracker.pristineNoxiousSpikes).toBeGreaterThanOrEqual(pristine.spikes);
    expect(tracker.pristineNoxiousSpikes).toBeLessThan(pristine.spikes + 1);
    for (const w of widths) {
      const s = Float64Array.from(fresh);
      s.set(stateAfterNoxious(n.device, w));
      const r = noxiousSpikeResponse(n, s);
      // floor(S) spikes from phase 0: the rule's S is the spike count before rounding.
      expect(Math.floor(tracker.noxiousSpikes(s, 0))).toBe(r.spikes);
      expect(tracker.noxiousSpikeExcess(s, 0)).toBeGreaterThanOrEqual(tracker.params.hyperalgesiaMargin);
      expect(SENSITISATION_STATES[tracker.next(s, 0, 0)]).toBe('hyperalgesia');
    }
  });

  it('a long test pulse hides the injury: over 0.5 s the injured one fires under 40 % more, over 50 ms 100 % more', () => {
    const count = (x: ArrayLike<number>, w: number): number => noxiousSpikeResponse(n, x, article.noxiousV, w).spikes;
    const injured = stateAfterNoxious(n.device, 2);
    const pristineState = new Float64Array(n.device.stride);
    const longRatio = count(injured, 0.5) / count(pristineState, 0.5);
    const briefRatio = count(injured, 0.05) / count(pristineState, 0.05);
    expect(longRatio).toBeGreaterThan(1);
    expect(longRatio).toBeLessThan(1.4);
    expect(briefRatio).toBeGreaterThanOrEqual(1.8);
  });

  it('a saturating law (I_half = I_nox, the earlier default) loses the effect: the test discriminates', () => {
    const sat = compileNociceptors(1, { maxRateHz: 100, halfRateA: article.painThresholdA });
    const p = noxiousSpikeResponse(sat, new Float64Array(sat.device.stride));
    const inj = noxiousSpikeResponse(sat, stateAfterNoxious(sat.device, 2));
    expect(inj.spikes / p.spikes - 1).toBeLessThan(SPEC_MARGIN);
  });
});

describe('E13 report row: hyperalgesia in spikes', () => {
  it('is a claim row naming hyperalgesia and spikes, holding with the defaults', async () => {
    const { fig5deAllodynia, hyperalgesiaInSpikes } = await import('../../scenarios/duan2023/fig5de-allodynia.ts');
    const { resolveParams } = await import('../../src/harness/params.ts');
    const m = hyperalgesiaInSpikes(resolveParams(fig5deAllodynia.name, fig5deAllodynia.params, {}));
    expect(m.name).toMatch(/hyperalgesia/);
    expect(m.name).toMatch(/spikes/);
    expect(m.pass).toBe(true);
    expect(String(m.simulated)).toMatch(/^10 vs 5 spikes/);
  });
});
