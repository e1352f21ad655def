import { describe, expect, it } from 'vitest';
import { concat, pulseTrain } from '../../src/protocols/waveform.ts';

describe('concat', () => {
  it('joins a potentiating and a depressing train; the later lead-in at the read bias is dropped', () => {
    const ltp = pulseTrain({ amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 3, readV: 0.1 });
    const ltd = pulseTrain({ amplitudeV: -3, widthS: 0.05, intervalS: 0.05, count: 2, readV: 0.1, startS: 0.3 });
    const w = concat([ltp, ltd]);
    expect(Array.from(w.levelsV)).toEqual([3, 0.1, 3, 0.1, 3, 0.1, -3, 0.1, -3, 0.1]);
    expect(w.edgeTimesS[6]).toBe(0.3);
    expect(w.edgeTimesS[8]).toBe(0.3 + 1 * 0.1);
    expect(w.pulses.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(w.pulses.map((p) => p.vV)).toEqual([3, 3, 3, -3, -3]);
  });

  it('still refuses parts that overlap at a different level', () => {
    const a = pulseTrain({ amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 3, readV: 0.1 });
    const b = pulseTrain({ amplitudeV: -3, widthS: 0.05, intervalS: 0.05, count: 2, readV: 0.1, startS: 0.12 });
    expect(() => concat([a, b])).toThrow(/strictly ascending/);
  });
});
