import { describe, expect, it } from 'vitest';
import { Kernel, Phase } from '../../src/kernel/index.ts';
import { Rng } from '../../src/kernel/rng.ts';

describe('Kernel.claim: a handler goes on at a later time without an event', () => {
  it('is refused at or after a pending event, past the time limit, when paused, outside run(), or out of budget', () => {
    const k = new Kernel();
    const seen: string[] = [];
    const probe = k.registerKind('probe', Phase.spike, (id, _p, t) => {
      if (id === 0) {
        seen.push(`claim 1.5: ${k.claim(1.5)}`);
        seen.push(`claim 2 (an event is pending at 2): ${k.claim(2)}`);
        seen.push(`claim 1.9: ${k.claim(1.9)}, now ${k.now}`);
        seen.push(`claim 1.8 (before now): ${k.claim(1.8)}`);
      }
      if (id === 1) {
        seen.push(`claim 3.5 (past the limit 3): ${k.claim(3.5)}`);
        k.pause();
        seen.push(`claim 2.5 (paused): ${k.claim(2.5)}`);
      }
      seen.push(`event ${id} at ${t}`);
    });
    k.schedule(1, probe, 0);
    k.schedule(2, probe, 1);
    expect(k.claim(0.5)).toBe(false);
    expect(k.run(3)).toBe('paused');
    expect(seen).toEqual([
      'claim 1.5: true',
      'claim 2 (an event is pending at 2): false',
      'claim 1.9: true, now 1.9',
      'claim 1.8 (before now): false',
      'event 0 at 1',
      'claim 3.5 (past the limit 3): false',
      'claim 2.5 (paused): false',
      'event 1 at 2',
    ]);
    // Outside run() nothing may be claimed.
    expect(k.claim(2.5)).toBe(false);
    // A claim uses up the run's event budget like an event.
    const j = new Kernel();
    const claims: boolean[] = [];
    const e = j.registerKind('e', Phase.spike, () => {
      claims.push(j.claim(j.now + 0.1), j.claim(j.now + 0.1));
    });
    j.schedule(1, e);
    j.schedule(5, e);
    expect(j.run(10, 2)).toBe('budget');
    expect(claims).toEqual([true, false]);
    expect(j.eventsDispatched).toBe(2);
  });

  it('a self-rescheduling process gives the same times and order with claims as with events', () => {
    // A process whose next step comes at a random later time, among other events: it claims
    // the step when nothing is pending before it, else schedules it. Same trace as always scheduling.
    const trace = (useClaim: boolean): string => {
      const k = new Kernel();
      const rng = new Rng(3);
      const out: string[] = [];
      let step = 0;
      const other = k.registerKind('other', Phase.delivery, (id, _p, t) => out.push(`o${id}@${t}`));
      const proc = k.registerKind('proc', Phase.spike, (_i, _p, t0) => {
        for (let t = t0; ; ) {
          out.push(`p${step++}@${t}`);
          if (step > 400) return;
          if (rng.float() < 0.3) k.schedule(t + rng.float() * 0.2, other, step);
          const next = t + rng.float() * 0.05;
          if (useClaim && k.claim(next)) t = next;
          else return k.schedule(next, proc);
        }
      });
      for (let i = 0; i < 50; i++) k.schedule(i * 0.1, other, 1000 + i);
      k.schedule(0, proc);
      while (k.run(Infinity, 37) === 'budget');
      return out.join(' ');
    };
    const a = trace(true);
    expect(a.split(' ').length).toBeGreaterThan(450);
    expect(a).toBe(trace(false));
  });
});

describe('Kernel.reserveSeq: an event scheduled later ties as if scheduled when its number was taken', () => {
  it('orders reserved events among others of the same time and phase by their reservation', () => {
    const k = new Kernel();
    const seen: string[] = [];
    const kind = k.registerKind('mark', Phase.delivery, (id) => seen.push(`e${id}`));
    const early = k.reserveSeq();
    k.schedule(1, kind, 1);
    const middle = k.reserveSeq();
    k.schedule(1, kind, 2);
    k.schedule(1, kind, 3);
    // Pushed last, in reverse: the numbers taken decide, not the order of scheduling.
    k.scheduleReserved(1, kind, 20, 0, middle);
    k.scheduleReserved(1, kind, 10, 0, early);
    k.run(2);
    expect(seen).toEqual(['e10', 'e1', 'e20', 'e2', 'e3']);
    expect(() => k.scheduleReserved(1.5, kind, 0, 0, k.reserveSeq())).toThrow(/before now=2 s/);
  });
});

