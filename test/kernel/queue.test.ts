import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/kernel/queue.ts';
import { Kernel, Phase } from '../../src/kernel/index.ts';
import { Rng } from '../../src/kernel/rng.ts';

describe('EventQueue', () => {
  it('pops by time, then phase, then scheduling order', () => {
    const q = new EventQueue();
    // (time, phase, kind, target) pushed in a scrambled order
    const items: Array<[number, number, number]> = [
      [1, 2, 0], [1, 0, 1], [0.5, 4, 2], [1, 2, 3], [1, 0, 4], [2, 0, 5], [1, 2, 6], [0.5, 0, 7],
    ];
    for (const [t, ph, id] of items) q.push(t, ph, 0, id, 0);
    const order: number[] = [];
    while (q.length > 0) order.push(q.target[q.popSlot()]);
    expect(order).toEqual([7, 2, 1, 4, 0, 3, 6, 5]);
  });

  it('keeps scheduling order among thousands of exact ties', () => {
    const q = new EventQueue();
    const rng = new Rng(7);
    const n = 5000;
    for (let i = 0; i < n; i++) q.push(rng.int(3), 1, 0, i, 0);
    let lastT = -1;
    let lastId = -1;
    let count = 0;
    while (q.length > 0) {
      const s = q.popSlot();
      const t = q.timeS[s];
      const id = q.target[s];
      if (t === lastT) expect(id).toBeGreaterThan(lastId);
      else expect(t).toBeGreaterThan(lastT);
      lastT = t;
      lastId = id;
      count++;
    }
    expect(count).toBe(n);
  });

  it('reuses slots: the pool does not grow past the peak number pending', () => {
    const q = new EventQueue();
    for (let round = 0; round < 1000; round++) {
      q.push(round, 0, 0, 0, 0);
      q.push(round + 0.5, 0, 0, 1, 0);
      q.popSlot();
      q.popSlot();
    }
    expect(q.timeS.length).toBe(64);
  });
});

describe('Kernel', () => {
  it('dispatches handlers in (time, phase, seq) order and advances now', () => {
    const k = new Kernel();
    const log: string[] = [];
    const rec = k.registerKind('rec', Phase.record, (tg, _p, t) => log.push(`rec${tg}@${t}`));
    const stim = k.registerKind('stim', Phase.stimulus, (tg, _p, t) => {
      log.push(`stim${tg}@${t}`);
      if (tg === 0) k.schedule(t, rec, 9); // same instant, later phase: still this instant
    });
    k.schedule(1, rec, 1);
    k.schedule(1, stim, 0);
    k.schedule(0.5, stim, 2);
    expect(k.run(10)).toBe('empty');
    expect(log).toEqual(['stim2@0.5', 'stim0@1', 'rec1@1', 'rec9@1']);
    expect(k.now).toBe(10);
    expect(k.eventsDispatched).toBe(4);
  });

  it('stops at untilS and resumes where it stopped', () => {
    const k = new Kernel();
    const seen: number[] = [];
    const tick = k.registerKind('tick', Phase.stimulus, (i, _p, t) => {
      seen.push(t);
      if (i < 9) k.schedule((i + 1) * 0.1, tick, i + 1);
    });
    k.schedule(0, tick, 0);
    expect(k.run(0.45)).toBe('until');
    expect(seen.length).toBe(5);
    expect(k.now).toBe(0.45);
    k.run(Infinity);
    expect(seen.length).toBe(10);
    expect(seen[9]).toBe(0.9); // 9 * 0.1, an absolute formula
  });

  it('pause from a handler stops the run; step dispatches one event', () => {
    const k = new Kernel();
    let n = 0;
    const kind = k.registerKind('e', 0, () => {
      n++;
      if (n === 3) k.pause();
    });
    for (let i = 0; i < 6; i++) k.schedule(i, kind);
    expect(k.run(100)).toBe('paused');
    expect(n).toBe(3);
    expect(k.step()).toBe(true);
    expect(n).toBe(4);
    expect(k.run(100, 1)).toBe('budget');
    expect(n).toBe(5);
  });

  it('refuses to schedule into the past', () => {
    const k = new Kernel();
    const kind = k.registerKind('e', 0, () => {});
    k.schedule(1, kind);
    k.run(2);
    expect(() => k.schedule(1.5, kind)).toThrow(/before now/);
  });
});

describe('Rng', () => {
  it('same seed, same sequence; different seed, different sequence', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 100 }, () => a.nextU32());
    const xb = Array.from({ length: 100 }, () => b.nextU32());
    const xc = Array.from({ length: 100 }, () => c.nextU32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('uniform floats have mean 1/2 and variance 1/12 within sampling error', () => {
    const r = new Rng(1);
    const n = 200000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.float();
      expect(x >= 0 && x < 1).toBe(true);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('normal deviates have mean 0 and unit variance', () => {
    const r = new Rng(3);
    const n = 100000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });
});
