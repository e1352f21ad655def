import { describe, expect, it } from 'vitest';
import { PlasticityEngine, ClippedWeights, allToAll } from '../../src/plasticity/engine.ts';
import { compileRule } from '../../src/plasticity/registry.ts';
import { pairStdp } from '../../src/plasticity/pair-stdp.ts';
import { tripletStdp, type TripletStdpParams } from '../../src/plasticity/triplet-stdp.ts';
import { Rng } from '../../src/kernel/rng.ts';
import type { CompiledRule } from '../../src/plasticity/types.ts';

/** Runs one synapse through a scripted pair of spike trains; returns the total weight change. */
function runPair(rule: CompiledRule, pre: number[], post: number[]): number {
  const w = new ClippedWeights(1, 0, -Infinity, Infinity);
  const eng = new PlasticityEngine(rule, allToAll(1, 1), w);
  const events = [...pre.map((t) => [t, 0] as const), ...post.map((t) => [t, 1] as const)].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [t, side] of events) {
    if (side === 0) eng.preSpike(0, t);
    else eng.postSpike(0, t);
  }
  return w.w[0];
}

const A_PLUS = 0.01;
const A_MINUS = 0.012;
const TAU_P = 0.02;
const TAU_M = 0.03;

function windowW(dt: number): number {
  if (dt > 0) return A_PLUS * Math.exp(-dt / TAU_P);
  if (dt < 0) return -A_MINUS * Math.exp(dt / TAU_M);
  return 0;
}

function poisson(rng: Rng, rate: number, until: number): number[] {
  const out: number[] = [];
  for (let t = rng.exponential(rate); t < until; t += rng.exponential(rate)) out.push(t);
  return out;
}

describe('pair STDP', () => {
  const base = { aPlus: A_PLUS, aMinus: A_MINUS, tauPlusS: TAU_P, tauMinusS: TAU_M };

  it('one pair follows the exponential window on both sides', () => {
    const rule = compileRule('stdp-pair', { ...base, pairing: 'all-to-all' });
    for (const dt of [-0.08, -0.03, -0.005, 0.002, 0.01, 0.05]) {
      const dw = dt > 0 ? runPair(rule, [0.1], [0.1 + dt]) : runPair(rule, [0.1 - dt], [0.1]);
      expect(dw).toBeCloseTo(windowW(dt), 14);
    }
  });

  it('all-to-all equals the sum of the window over every pre/post pair (Poisson trains)', () => {
    const rule = compileRule('stdp-pair', { ...base, pairing: 'all-to-all' });
    const rng = new Rng(11);
    for (let trial = 0; trial < 5; trial++) {
      const pre = poisson(rng, 20, 2);
      const post = poisson(rng, 15, 2);
      let expected = 0;
      for (const tp of pre) for (const tq of post) expected += windowW(tq - tp);
      expect(runPair(rule, pre, post)).toBeCloseTo(expected, 12);
    }
  });

  it('nearest-spike pairs each spike with the latest spike of the other side only', () => {
    const rule = compileRule('stdp-pair', { ...base, pairing: 'nearest' });
    const rng = new Rng(12);
    for (let trial = 0; trial < 5; trial++) {
      const pre = poisson(rng, 30, 2);
      const post = poisson(rng, 25, 2);
      let expected = 0;
      for (const tq of post) {
        const last = pre.filter((t) => t < tq).pop();
        if (last !== undefined) expected += windowW(tq - last);
      }
      for (const tp of pre) {
        const last = post.filter((t) => t < tp).pop();
        if (last !== undefined) expected += windowW(last - tp);
      }
      const got = runPair(rule, pre, post);
      expect(got).toBeCloseTo(expected, 12);
      // And it differs from all-to-all on dense trains.
      expect(Math.abs(got - runPair(compileRule('stdp-pair', { ...base, pairing: 'all-to-all' }), pre, post))).toBeGreaterThan(1e-6);
    }
  });

  it('rejects bad parameters with a message naming the field', () => {
    expect(() => pairStdp.compile({ tauPlusS: 0 })).toThrow(/"tauPlusS" must be a finite number > 0/);
    expect(() => pairStdp.compile({ pairing: 'nearest-ish' as 'nearest' })).toThrow(/"pairing"/);
    expect(() => compileRule('stdp-quadruplet')).toThrow(/unknown plasticity rule "stdp-quadruplet"/);
  });
});

describe('triplet STDP (minimal all-to-all)', () => {
  const p: TripletStdpParams = { ...tripletStdp.defaults, a2Plus: 0.004, a3Plus: 0.006, a2Minus: 0.007, a3Minus: 0.002 };
  const rule = tripletStdp.compile(p);
  const ep = (dt: number): number => Math.exp(-dt / p.tauPlusS);
  const em = (dt: number): number => Math.exp(-dt / p.tauMinusS);

  it('a pre-post pair gives A2+ exp(-dt/tau+); a post-pre pair gives -A2- exp(-dt/tau-)', () => {
    expect(runPair(rule, [0.1], [0.11])).toBeCloseTo(p.a2Plus * ep(0.01), 14);
    expect(runPair(rule, [0.11], [0.1])).toBeCloseTo(-p.a2Minus * em(0.01), 14);
  });

  it('post-pre-post triplet adds the A3+ term with the o2 trace of the first post spike', () => {
    // post at 0, pre at 0.01, post at 0.03
    const expected = -p.a2Minus * em(0.01) + ep(0.02) * (p.a2Plus + p.a3Plus * Math.exp(-0.03 / p.tauYS));
    expect(runPair(rule, [0.01], [0, 0.03])).toBeCloseTo(expected, 14);
  });

  it('pre-post-pre triplet adds the A3- term with the r2 trace of the first pre spike', () => {
    // pre at 0, post at 0.01, pre at 0.025
    const expected = p.a2Plus * ep(0.01) - em(0.015) * (p.a2Minus + p.a3Minus * Math.exp(-0.025 / p.tauXS));
    expect(runPair(rule, [0, 0.025], [0.01])).toBeCloseTo(expected, 14);
  });

  it('matches the closed-form all-to-all sum on Poisson trains', () => {
    const rng = new Rng(5);
    const pre = poisson(rng, 20, 1.5);
    const post = poisson(rng, 20, 1.5);
    let expected = 0;
    for (const tq of post) {
      let r1 = 0;
      for (const tp of pre) if (tp < tq) r1 += ep(tq - tp);
      let o2 = 0;
      for (const t of post) if (t < tq) o2 += Math.exp(-(tq - t) / p.tauYS);
      expected += r1 * (p.a2Plus + p.a3Plus * o2);
    }
    for (const tp of pre) {
      let o1 = 0;
      for (const tq of post) if (tq < tp) o1 += em(tp - tq);
      let r2 = 0;
      for (const t of pre) if (t < tp) r2 += Math.exp(-(tp - t) / p.tauXS);
      expected -= o1 * (p.a2Minus + p.a3Minus * r2);
    }
    expect(runPair(rule, pre, post)).toBeCloseTo(expected, 11);
  });

  it('frequency dependence (Sjostrom protocol): post-pre pairings depress at 1 Hz, potentiate at 40 Hz', () => {
    const r = tripletStdp.compile({});
    const train = (hz: number, lagS: number): number => {
      const pre: number[] = [];
      const post: number[] = [];
      for (let k = 0; k < 60; k++) {
        pre.push(1 + k / hz);
        post.push(1 + k / hz + lagS);
      }
      return runPair(r, pre, post);
    };
    expect(train(1, -0.01)).toBeLessThan(0);
    expect(train(40, -0.01)).toBeGreaterThan(0);
    // pre-post pairings potentiate more the higher the rate (A3+ term)
    expect(train(20, 0.01)).toBeGreaterThan(5 * train(1, 0.01));
  });
});

describe('PlasticityEngine', () => {
  it('visits only the synapses of the spiking neuron and clips plain weights', () => {
    const rule = compileRule('stdp-pair', { aPlus: 0.6, aMinus: 0.5, tauPlusS: 0.02, tauMinusS: 0.02, pairing: 'all-to-all' });
    const w = new ClippedWeights(6, 0.5);
    const eng = new PlasticityEngine(rule, allToAll(3, 2), w);
    eng.preSpike(1, 0.01);
    eng.postSpike(0, 0.01 + 1e-9);
    // synapse post*nPre+pre: (0,1) potentiated to the bound, others untouched
    expect(Array.from(w.w)).toEqual([0.5, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(eng.appliedSum).toBeCloseTo(0.5, 12);
    expect(eng.requestedSum).toBeCloseTo(0.6 * Math.exp(-1e-9 / 0.02), 12);
  });
});

describe('post-triggered window STDP', () => {
  it('potentiates synapses whose input fired within tLtp before the spike, depresses the others', () => {
    const rule = compileRule('stdp-window', { aPlus: 0.02, aMinus: 0.01, tLtpS: 0.015 });
    const w = new ClippedWeights(4, 0.5);
    const eng = new PlasticityEngine(rule, allToAll(4, 1), w);
    eng.preSpike(0, 0.1); // 10 ms before: inside
    eng.preSpike(1, 0.085); // 25 ms before: outside
    eng.preSpike(2, 0.095); // exactly 15 ms before: inside (window is closed)
    // afferent 3 never fires: outside
    eng.postSpike(0, 0.11);
    expect(Array.from(w.w).map((x) => Number(x.toFixed(12)))).toEqual([0.52, 0.49, 0.52, 0.49]);
    // presynaptic spikes alone change nothing
    eng.preSpike(0, 0.2);
    expect(w.w[0]).toBeCloseTo(0.52, 12);
  });
});
