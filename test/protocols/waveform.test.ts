import { describe, expect, it } from 'vitest';
import { concat, levelAt, piecewise, pulseTrain } from '../../src/protocols/waveform.ts';
import { dcSweep, sweepLevels } from '../../src/protocols/sweep.ts';
import { blockStarts, pulseBlocks } from '../../src/protocols/blocks.ts';

describe('pulseTrain', () => {
  it('puts pulse k at start + k * period exactly, even the 1000th', () => {
    const spec = { amplitudeV: 2, widthS: 0.5, intervalS: 0.5, count: 1000, startS: 0.3, readV: 0.1 };
    const w = pulseTrain(spec);
    const period = spec.widthS + spec.intervalS;
    expect(w.pulses.length).toBe(1000);
    for (const k of [0, 1, 7, 499, 999]) {
      expect(w.pulses[k].tStartS).toBe(spec.startS + k * period);
      expect(levelAt(w, spec.startS + k * period)).toBe(2);
      expect(levelAt(w, spec.startS + k * period + spec.widthS)).toBe(0.1);
    }
    // Two edges per pulse plus the read bias from 0 before the first one.
    expect(w.edgeTimesS.length).toBe(2001);
    expect(w.endS).toBe(spec.startS + 999 * period + spec.widthS + spec.intervalS);
    expect(levelAt(w, 0.1)).toBe(0.1);
  });

  it('joins back-to-back pulses (zero interval) into one level', () => {
    const w = pulseTrain({ amplitudeV: 1, widthS: 0.1, intervalS: 0, count: 5 });
    expect(w.edgeTimesS.length).toBe(6);
    expect(w.pulses.map((p) => p.tStartS)).toEqual(Array.from({ length: 5 }, (_, k) => k * 0.1));
  });

  it('rejects bad specs with a message naming the field', () => {
    const ok = { amplitudeV: 1, widthS: 0.1, intervalS: 0.1, count: 3 };
    expect(() => pulseTrain({ ...ok, widthS: 0 })).toThrow(/widthS must be > 0/);
    expect(() => pulseTrain({ ...ok, widthS: -1 })).toThrow(/widthS/);
    expect(() => pulseTrain({ ...ok, count: 2.5 })).toThrow(/count must be a whole number/);
    expect(() => pulseTrain({ ...ok, intervalS: NaN })).toThrow(/intervalS/);
    expect(() => pulseTrain({ ...ok, amplitudeV: Infinity })).toThrow(/amplitudeV/);
    expect(() => piecewise([[0, 1], [0, 2]], 1)).toThrow(/strictly ascending/);
    expect(() => piecewise([], 1)).toThrow(/at least one/);
    expect(() => piecewise([[0, 1], [1, 2]], 0.5)).toThrow(/before the last edge/);
  });
});

describe('concat and levelAt', () => {
  it('keeps absolute times and renumbers pulses', () => {
    const a = pulseTrain({ amplitudeV: 1, widthS: 0.1, intervalS: 0.1, count: 2 });
    const b = pulseBlocks([{ amplitudeV: -1, widthS: 0.2, intervalS: 0.1, count: 2 }], { startS: a.endS, beginS: a.endS });
    const w = concat([a, b]);
    expect(w.pulses.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(w.pulses[2].tStartS).toBe(a.endS);
    expect(levelAt(w, a.endS)).toBe(-1);
    expect(levelAt(w, a.endS - 1e-9)).toBe(0);
    expect(levelAt(w, -1)).toBe(0);
    expect(w.endS).toBe(b.endS);
  });
});

describe('dcSweep', () => {
  it('visits 0 -> 5 -> 0 -> -5 -> 0 V in 0.1 V steps, turning points once', () => {
    const levels = sweepLevels({ verticesV: [0, 5, 0, -5, 0], stepV: 0.1, dwellS: 0.05 });
    expect(levels.length).toBe(201);
    expect([levels[0], levels[50], levels[100], levels[150], levels[200]]).toEqual([0, 5, 0, -5, 0]);
    for (let j = 1; j < levels.length; j++) expect(Math.abs(Math.abs(levels[j] - levels[j - 1]) - 0.1)).toBeLessThan(1e-12);
    const w = dcSweep({ verticesV: [0, 5, 0, -5, 0], stepV: 0.1, dwellS: 0.05, startS: 1 });
    expect(w.edgeTimesS[137]).toBe(1 + 137 * 0.05);
    expect(w.endS).toBe(1 + 201 * 0.05);
    expect(w.pulses.length).toBe(0);
  });

  it('rejects bad sweep specs', () => {
    expect(() => sweepLevels({ verticesV: [0, 5], stepV: 0, dwellS: 1 })).toThrow(/stepV must be > 0/);
    expect(() => sweepLevels({ verticesV: [0], stepV: 0.1, dwellS: 1 })).toThrow(/two vertices/);
    expect(() => dcSweep({ verticesV: [0, 5], stepV: 0.1, dwellS: 0 })).toThrow(/dwellS must be > 0/);
  });
});

describe('pulseBlocks', () => {
  const blocks = [
    { amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 25 },
    { amplitudeV: -3, widthS: 0.05, intervalS: 0.05, count: 25 },
  ];

  it('lays blocks back to back; pulse k of a block at blockStart + k * period', () => {
    const w = pulseBlocks(blocks, { startS: 0.05, readV: 0.1 });
    const starts = blockStarts(blocks, 0.05);
    expect(starts).toEqual([0.05, 0.05 + 2.5, 0.05 + 5]);
    expect(w.pulses.length).toBe(50);
    expect(w.pulses[24].tStartS).toBe(0.05 + 24 * 0.1);
    expect(w.pulses[25].tStartS).toBe(starts[1]);
    expect(w.pulses[49].tStartS).toBe(starts[1] + 24 * 0.1);
    expect(w.pulses[30].vV).toBe(-3);
    expect(w.endS).toBe(starts[2]);
    expect(levelAt(w, 0)).toBe(0.1);
    expect(w.pulses.map((p) => p.index)).toEqual(Array.from({ length: 50 }, (_, k) => k));
  });

  it('merges a falling edge with the next rising edge when the interval is zero', () => {
    const w = pulseBlocks([
      { amplitudeV: 1, widthS: 0.1, intervalS: 0, count: 2 },
      { amplitudeV: 2, widthS: 0.1, intervalS: 0, count: 1 },
    ]);
    expect(Array.from(w.levelsV)).toEqual([1, 1, 2, 0]);
  });

  it('rejects bad blocks with a message naming the block and field', () => {
    expect(() => pulseBlocks([])).toThrow(/at least one block/);
    expect(() => pulseBlocks([{ ...blocks[0], count: 0 }])).toThrow(/block 0 count/);
    expect(() => pulseBlocks([blocks[0], { ...blocks[1], widthS: 0 }])).toThrow(/block 1 widthS/);
    expect(() => pulseBlocks(blocks, { startS: 1, beginS: 2 })).toThrow(/beginS/);
    expect(() => pulseBlocks(blocks, { endS: 1 })).toThrow(/endS/);
  });
});
