import { describe, expect, it } from 'vitest';
import { READ_BIAS_V } from '../../src/devices/experiments.ts';
import { article } from '../../src/devices/targets.ts';
import { compileNociceptors } from '../../src/neurons/nociceptor.ts';
import { HYPERALGESIA as HYPERALGESIA_CODE, SENSITISATION_STATES, SensitisationTracker } from '../../src/neurons/nociceptor-state.ts';

// The state rule on the calibrated device: an injury must count as hyperalgesia, the
// innocuous train of E11 (60 s, which by the spec stays innocuous) must not.
const n = compileNociceptors(1);
const d = n.device;
const tracker = new SensitisationTracker(n);
const margin = tracker.params.hyperalgesiaMargin;
const exitMargin = (1 - tracker.params.hysteresis) * margin;

function fresh(): Float64Array {
  const s = new Float64Array(n.stride);
  n.init(s, 0);
  return s;
}
function hold(s: Float64Array, vV: number, dtS: number): void {
  d.advance(s, 0, vV, dtS);
}
function train(s: Float64Array, vV: number, pulses: number): void {
  for (let k = 0; k < pulses; k++) {
    hold(s, vV, article.innocuous.widthS);
    hold(s, READ_BIAS_V, article.innocuous.intervalS);
  }
}

describe('sensitisation rule with the calibrated device', () => {
  it('the noxious response of a pristine device is the pristine reference', () => {
    expect(tracker.noxiousExcess(fresh(), 0)).toBeCloseTo(0, 12);
    expect(tracker.noxiousSpikeExcess(fresh(), 0)).toBeCloseTo(0, 12);
  });

  it('counts every E13 injury as hyperalgesia after the rest, and a 0.5 s reference would not', () => {
    for (const { noxiousWidthS } of article.incubation) {
      const s = fresh();
      hold(s, article.noxiousV, noxiousWidthS);
      hold(s, READ_BIAS_V, 5);
      expect(tracker.noxiousSpikeExcess(s, 0)).toBeGreaterThanOrEqual(margin);
      expect(tracker.allodynic(s, 0)).toBe(false);
      expect(SENSITISATION_STATES[tracker.next(s, 0, 0)]).toBe('hyperalgesia');
      // The end of a 0.5 s reference hides the injury: the reference sensitises the pristine copy too.
      const long = new SensitisationTracker(n, { noxiousRefWidthS: 0.5 });
      expect(long.noxiousSpikeExcess(s, 0)).toBeLessThan(exitMargin);
    }
  });

  it('leaves a pristine nociceptor under the 60 s innocuous train normal, in the gaps and at pulse ends', () => {
    const s = fresh();
    let code = 0;
    let worst = 0;
    for (let k = 0; k < 60; k++) {
      hold(s, article.innocuous.amplitudeV, article.innocuous.widthS);
      worst = Math.max(worst, tracker.noxiousSpikeExcess(s, 0));
      code = tracker.next(s, 0, code);
      expect(SENSITISATION_STATES[code]).toBe('normal');
      hold(s, READ_BIAS_V, article.innocuous.intervalS);
      code = tracker.next(s, 0, code);
      expect(SENSITISATION_STATES[code]).toBe('normal');
    }
    // Touch does raise the response (the slow component it potentiates), but below the exit margin.
    expect(worst).toBeGreaterThan(0.3);
    expect(worst).toBeLessThan(exitMargin - 0.03);
  });

  it('after E12 noxious pulses: allodynic during the train, hyperalgesic once the volatile components relax', () => {
    const s = fresh();
    train(s, article.noxiousV, 3);
    expect(SENSITISATION_STATES[tracker.next(s, 0, 0)]).toBe('allodynia');
    hold(s, READ_BIAS_V, 20);
    expect(SENSITISATION_STATES[tracker.next(s, 0, 0)]).toBe('hyperalgesia');
  });

  it('an injury heals: hyperalgesic a minute later, recovering after five, below the recovered margin within a few hours', () => {
    const s = fresh();
    hold(s, article.noxiousV, 2);
    hold(s, READ_BIAS_V, 60);
    expect(tracker.noxiousSpikeExcess(s, 0)).toBeGreaterThan(margin);
    hold(s, READ_BIAS_V, 240);
    const atFive = tracker.noxiousSpikeExcess(s, 0);
    expect(atFive).toBeLessThan(exitMargin);
    expect(atFive).toBeGreaterThan(tracker.params.recoveredMargin);
    expect(SENSITISATION_STATES[tracker.next(s, 0, HYPERALGESIA_CODE)]).toBe('recovery');
    hold(s, READ_BIAS_V, 6 * 3600);
    expect(tracker.noxiousSpikeExcess(s, 0)).toBeLessThan(tracker.params.recoveredMargin);
  });
});
