import { describe, expect, it } from 'vitest';
import { DeliveryLanes } from '../../src/network/lanes.ts';
import type { NetworkDescription } from '../../src/network/index.ts';
import { expectBlockMatchesVForm, expectSlicesMatchOneRun } from './lif-forms.ts';

/**
 * Spikes with a long and a short delay: a spike emitted while long-delay
 * spikes are in flight arrives before them, so the earliest spike in flight
 * moves between lanes all the time, also in the middle of the block
 * crossings run between two deliveries.
 */
function mixedDelays(model: string, durationS = 0.4): NetworkDescription {
  const n = 60;
  return {
    durationS,
    seed: 11,
    populations: [
      { name: 'E', model, size: n, params: { restV: -0.07 }, initial: { V: { uniform: [-0.07, -0.052] } } },
      { name: 'I', model, size: 15, params: { restV: -0.07 }, initial: { V: { uniform: [-0.07, -0.052] } } },
    ],
    projections: [
      { from: 'E', to: 'E', connectivity: { kind: 'fixed-probability', p: 0.1 }, synapse: { kind: 'static', weight: 0.8e-3 }, delayS: 4e-3 },
      { from: 'E', to: 'I', connectivity: { kind: 'fixed-probability', p: 0.2 }, synapse: { kind: 'static', weight: 2e-3 }, delayS: 0.2e-3 },
      { from: 'I', to: 'E', connectivity: { kind: 'fixed-probability', p: 0.3 }, synapse: { kind: 'static', weight: -1.2e-3 }, delayS: 0.3e-3, port: 'inhibitory' },
      { from: 'I', to: 'I', connectivity: { kind: 'fixed-probability', p: 0.3 }, synapse: { kind: 'static', weight: -0.5e-3 }, delayS: 4e-3, port: 'inhibitory' },
    ],
    stimuli: [
      { kind: 'per-neuron', population: 'E', waveforms: Array.from({ length: n }, (_, i) => ({ kind: 'points', points: [[0.005 * (i % 9), (0.2 + 0.01 * i) * 1e-9], [0.3, (0.08 + 0.003 * i) * 1e-9]] }) as const) },
    ],
  };
}

describe('spikes in flight (delivery lanes)', () => {
  it('hands out entries of several lanes in (time, sequence number) order', () => {
    // Three delays; pushes in emission order (times and sequence numbers ascend), shifts in between.
    // Dyadic times and delays add exactly, so heads of different lanes tie in time.
    const delays = Float64Array.of(2 ** -8, 2 ** -10, 2 ** -8, 2 ** -9);
    const lanes = new DeliveryLanes(delays);
    let seq = 0;
    let now = 0;
    let x = 7;
    const rnd = (): number => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pending: [number, number, number, number][] = [];
    const out: [number, number, number, number][] = [];
    const expected: [number, number, number, number][] = [];
    for (let k = 0; k < 5000; k++) {
      if (rnd() < 0.55 || lanes.size === 0) {
        // Some emissions share an instant (ties broken by the sequence number).
        now += Math.floor(rnd() * 4) * 2 ** -12;
        const g = Math.floor(rnd() * delays.length);
        const e: [number, number, number, number] = [now + delays[g], seq++, k, g];
        pending.push(e);
        lanes.push(g, e[0], e[1], e[2]);
      } else {
        pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expected.push(pending.shift()!);
        out.push([lanes.firstTime, lanes.firstSeq, lanes.firstPre, lanes.firstGroup]);
        lanes.shift();
        // Deliveries happen at the head's time: later emissions are not earlier.
        now = Math.max(now, out[out.length - 1][0] - 2 ** -10);
      }
      expect(lanes.size).toBe(pending.length);
    }
    expect(out.length).toBeGreaterThan(1000);
    const ties = out.filter((e, k) => k > 0 && e[0] === out[k - 1][0] && e[3] !== out[k - 1][3]).length;
    expect(ties).toBeGreaterThan(50);
    expect(out).toEqual(expected);
  });

  it('a LIF-block network with a long and a short delay spikes as the V-form path does', () => {
    expectBlockMatchesVForm((model) => mixedDelays(model), 1000);
  });

  it('run in slices of a few events, the same network spikes exactly as in one run', () => {
    expectSlicesMatchOneRun(mixedDelays('lif'), 1000);
  });
});
