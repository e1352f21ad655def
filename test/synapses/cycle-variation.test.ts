import { describe, expect, it } from 'vitest';
import { Network, type NetworkDescription } from '../../src/network/index.ts';

const N = 400;
const SPIKE_S = 0.01;
const WIDTH_S = 0.005;

function desc(c2c: number, seed: number): NetworkDescription {
  return {
    durationS: 0.05,
    seed,
    populations: [
      { name: 'in', model: 'spike_trains', size: N, params: { start: Array.from({ length: N + 1 }, (_, i) => i), times: new Array(N).fill(SPIKE_S) } },
      { name: 'out', model: 'lif', size: N },
    ],
    projections: [
      {
        name: 'syn',
        from: 'in',
        to: 'out',
        connectivity: { kind: 'one-to-one' },
        synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: WIDTH_S, gain: 1e3, variation: { cycleToCycle: c2c } },
        delayS: 0,
      },
    ],
  };
}

/** State component 0 of every synapse at the end of its one pulse (a pristine device: x0 = 0). */
function afterPulse(c2c: number, seed: number): Float64Array {
  const net = new Network(desc(c2c, seed));
  net.run();
  const mem = net.projection('syn').memristors!;
  return Float64Array.from({ length: N }, (_, k) => mem.stateVar(k, 0, SPIKE_S + WIDTH_S));
}

describe('cycle-to-cycle variation of memristor synapses', () => {
  const nominal = afterPulse(0, 1);

  it('off: every pulse is the nominal one', () => {
    expect(nominal[0]).toBeGreaterThan(0);
    for (let k = 1; k < N; k++) expect(nominal[k]).toBe(nominal[0]);
  });

  it('scales each pulse state change by a lognormal factor of mean 1 and the stated relative sigma', () => {
    const sigma = 0.1;
    const x = afterPulse(sigma, 1);
    const f = Array.from(x, (v) => v / nominal[0]);
    const mean = f.reduce((a, b) => a + b, 0) / N;
    const sd = Math.sqrt(f.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1));
    const want = Math.sqrt(Math.exp(sigma * sigma) - 1);
    // Standard error of the mean: sigma / sqrt(N) = 0.005; of the SD about 3.6 %.
    expect(Math.abs(mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(sd / want - 1)).toBeLessThan(0.12);
  });

  it('same seed, identical draws; another seed, other draws', () => {
    const a = afterPulse(0.1, 7);
    const b = afterPulse(0.1, 7);
    const c = afterPulse(0.1, 8);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('rejects a sigma outside [0, 1] naming the field', () => {
    expect(() => new Network(desc(2, 1))).toThrow(/variation\.cycleToCycle/);
  });
});
