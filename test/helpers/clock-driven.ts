/**
 * Clock-driven reference for networks of "lif" and "lif_cuba" neurons with static synapses:
 * the correctness check of the event-driven runtime (its spike times lie on
 * the grid, so it converges to the exact rates as dt -> 0).
 *
 * Per step n (time t = n dt): inputs arriving at t are added to V (lif:
 * ignored while refractory) or to g_e / g_i (lif_cuba: always); V >= V_th
 * fires (reset, refractory for round(t_ref / dt) steps) and schedules its
 * inputs round(delay / dt) steps ahead (at least 1); then the state is
 * propagated exactly to t + dt (lif_cuba: the closed form of lif-cuba.ts; V
 * held while refractory). External drive is not supported.
 * It uses the connectivity and initial state of a built Network, so both
 * simulate the very same network.
 */
import type { Network } from '../../src/network/network.ts';
import { LIF_REF, LIF_V } from '../../src/neurons/lif.ts';
import { lifCubaDefaults, type LifCubaParams } from '../../src/neurons/lif-cuba.ts';

export interface ClockResult {
  /** Spike count per global neuron. */
  readonly counts: Int32Array;
  readonly spikes: number;
  readonly synapticEvents: number;
  readonly steps: number;
}

export function runClockDriven(net: Network, dtS: number, durationS = net.durationS): ClockResult {
  const n = net.neuronCount;
  const v = new Float64Array(n);
  const refSteps = new Int32Array(n);
  const decay = new Float64Array(n);
  const rest = new Float64Array(n);
  const th = new Float64Array(n);
  const reset = new Float64Array(n);
  const refLen = new Int32Array(n);
  const cuba = new Uint8Array(n);
  const ge = new Float64Array(n);
  const gi = new Float64Array(n);
  const decE = new Float64Array(n);
  const decI = new Float64Array(n);
  const kE = new Float64Array(n);
  const kI = new Float64Array(n);
  for (const p of net.populations) {
    const pd = net.description.populations[p.index];
    if (pd.model !== 'lif' && pd.model !== 'lif_cuba') throw new Error(`clock-driven reference: population "${p.name}" is not "lif" or "lif_cuba"`);
    const params: LifCubaParams = { ...lifCubaDefaults, ...(pd.params as Partial<LifCubaParams>) };
    for (let i = 0; i < p.size; i++) {
      const g = p.offset + i;
      v[g] = p.state[i * p.model.stride + LIF_V];
      if (p.state[i * p.model.stride + LIF_REF] > 0) throw new Error('clock-driven reference: neurons must start non-refractory');
      decay[g] = Math.exp(-dtS / params.tauMS);
      rest[g] = params.restV;
      th[g] = params.thresholdV;
      reset[g] = params.resetV;
      refLen[g] = Math.round(params.refractoryS / dtS);
      if (pd.model === 'lif_cuba') {
        cuba[g] = 1;
        decE[g] = Math.exp(-dtS / params.tauES);
        decI[g] = Math.exp(-dtS / params.tauIS);
        kE[g] = (params.tauES / (params.tauES - params.tauMS)) * (decE[g] - decay[g]);
        kI[g] = (params.tauIS / (params.tauIS - params.tauMS)) * (decI[g] - decay[g]);
      }
    }
  }
  let maxDelay = 1;
  const projDelay = net.projections.map((pr) => {
    const d = Math.max(1, Math.round(pr.delayS / dtS));
    maxDelay = Math.max(maxDelay, d);
    return d;
  });
  const slots = maxDelay + 1;
  const ring = new Float64Array(slots * n);
  const counts = new Int32Array(n);
  const steps = Math.round(durationS / dtS);
  let spikes = 0;
  let events = 0;
  const pops = net.populations;
  // Outgoing projections per population, indexed like `pops` (plain loops per spike).
  const out = pops.map((p) => net.projections.filter((pr) => pr.pre === p));
  for (let step = 0; step < steps; step++) {
    const slot = (step % slots) * n;
    for (let g = 0; g < n; g++) {
      const input = ring[slot + g];
      if (input !== 0) {
        ring[slot + g] = 0;
        if (cuba[g] === 1) {
          if (input > 0) ge[g] += input;
          else gi[g] += input;
        } else if (refSteps[g] === 0) v[g] += input;
      }
    }
    for (let pi = 0; pi < pops.length; pi++) {
      const p = pops[pi];
      const fromP = out[pi];
      for (let i = 0; i < p.size; i++) {
        const g = p.offset + i;
        if (refSteps[g] === 0 && v[g] >= th[g]) {
          v[g] = reset[g];
          refSteps[g] = refLen[g];
          counts[g]++;
          spikes++;
          for (let q = 0; q < fromP.length; q++) {
            const pr = fromP[q];
            const target = ((step + projDelay[pr.index]) % slots) * n + pr.post.offset;
            const w = pr.weights!;
            for (let k = pr.offsets[i]; k < pr.offsets[i + 1]; k++) ring[target + pr.targets[k]] += w[k];
            events += pr.offsets[i + 1] - pr.offsets[i];
          }
        }
      }
    }
    for (let g = 0; g < n; g++) {
      if (refSteps[g] > 0) refSteps[g]--;
      else if (cuba[g] === 1) v[g] = rest[g] + (v[g] - rest[g]) * decay[g] + ge[g] * kE[g] + gi[g] * kI[g];
      else v[g] = rest[g] + (v[g] - rest[g]) * decay[g];
      if (cuba[g] === 1) {
        ge[g] *= decE[g];
        gi[g] *= decI[g];
      }
    }
  }
  return { counts, spikes, synapticEvents: events, steps };
}
