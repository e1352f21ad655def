/**
 * Descriptions of the network benchmarks of Brette et al. 2007 ("Simulation
 * of networks of spiking neurons: a review of tools and strategies",
 * J. Comput. Neurosci. 23:349), used by bench/ and the tests.
 *
 * Benchmark 4 (voltage jumps): N LIF neurons, 80 % excitatory, 20 % inhibitory,
 * random connectivity with probability p (2 % at N = 4000: 80 inputs),
 * tau_m = 20 ms, E_L = -49 mV, V_th = -50 mV, V_reset = -60 mV, t_ref = 5 ms,
 * jumps +0.25 mV (E) and -2.25 mV (I), delay 0.125 ms, V(0) uniform in
 * [V_reset, V_th]; inputs during refractoriness are ignored. E_L above
 * threshold makes the activity self-sustained (no external input).
 *
 * CUBA (benchmark 2, as in the Brian CUBA example): same neurons with
 * exponential currents tau_e = 5 ms, tau_i = 10 ms, jumps of g_e by 1.62 mV and
 * of g_i by -9 mV, the same delay of 0.125 ms (documented choice: Brian's
 * example uses no explicit delay, i.e. one time step).
 */
import type { NetworkDescription } from './description.ts';

export interface BretteOptions {
  /** Total number of neurons (80 % E). */
  readonly n: number;
  readonly durationS: number;
  readonly seed: number;
  /** Mean inputs per neuron; p = inputs / n. Default 80. */
  readonly inputsPerNeuron?: number;
  readonly delayS?: number;
}

export const BRETTE = {
  tauMS: 0.02,
  restV: -0.049,
  thresholdV: -0.05,
  resetV: -0.06,
  refractoryS: 0.005,
  jumpEV: 0.25e-3,
  jumpIV: -2.25e-3,
  cubaWeightEV: 1.62e-3,
  cubaWeightIV: -9e-3,
  tauES: 0.005,
  tauIS: 0.01,
  delayS: 0.125e-3,
} as const;

function recurrent(model: 'lif' | 'lif_cuba', wE: number, wI: number, o: BretteOptions): NetworkDescription {
  const nE = Math.round(0.8 * o.n);
  const nI = o.n - nE;
  const p = Math.min(1, (o.inputsPerNeuron ?? 80) / o.n);
  const params: Record<string, number> = {
    tauMS: BRETTE.tauMS,
    restV: BRETTE.restV,
    thresholdV: BRETTE.thresholdV,
    resetV: BRETTE.resetV,
    refractoryS: BRETTE.refractoryS,
  };
  if (model === 'lif_cuba') {
    params.tauES = BRETTE.tauES;
    params.tauIS = BRETTE.tauIS;
  }
  const initial = { V: { uniform: [BRETTE.resetV, BRETTE.thresholdV] as const } };
  const delayS = o.delayS ?? BRETTE.delayS;
  const conn = { kind: 'fixed-probability', p } as const;
  const proj = (from: string, to: string, w: number, port: 'excitatory' | 'inhibitory') =>
    ({ name: `${from}->${to}`, from, to, connectivity: conn, synapse: { kind: 'static', weight: w }, delayS, port }) as const;
  return {
    durationS: o.durationS,
    seed: o.seed,
    populations: [
      { name: 'E', model, size: nE, params, initial },
      { name: 'I', model, size: nI, params, initial },
    ],
    projections: [
      proj('E', 'E', wE, 'excitatory'),
      proj('E', 'I', wE, 'excitatory'),
      proj('I', 'E', wI, 'inhibitory'),
      proj('I', 'I', wI, 'inhibitory'),
    ],
  };
}

export function benchmark4(o: BretteOptions): NetworkDescription {
  return recurrent('lif', BRETTE.jumpEV, BRETTE.jumpIV, o);
}

export function cuba(o: BretteOptions): NetworkDescription {
  return recurrent('lif_cuba', BRETTE.cubaWeightEV, BRETTE.cubaWeightIV, o);
}
