/**
 * Shared pieces of the nociceptor scenarios: the neuron's declared
 * parameters, building it from them, and writing the standard files
 * (trace.csv, pulses.csv, spikes.csv, states.csv) of a finished simulation.
 */
import { article } from '../devices/targets.ts';
import { writeTable } from '../harness/output.ts';
import { num } from '../harness/params.ts';
import type { ParamSpec, Params } from '../harness/types.ts';
import { compileNociceptors, nociceptorDefaults, type CompiledNociceptors } from './nociceptor.ts';
import { NociceptorSim } from './nociceptor-sim.ts';
import { stimulusWave } from './nociceptor-protocols.ts';
import { SENSITISATION_STATES, sensitisationDefaults, type SensitisationParams } from './nociceptor-state.ts';

/** Parameters of the nociceptor itself, declared by every nociceptor scenario. */
export const nociceptorParamSpecs: readonly ParamSpec[] = [
  { key: 'thresholdNA', type: 'number', default: article.painThresholdA * 1e9, unit: 'nA', min: 1, max: 1e5, description: 'pain threshold I_nox on the device current' },
  { key: 'maxRateHz', type: 'number', default: nociceptorDefaults.maxRateHz, unit: 'Hz', min: 0.1, max: 2000, description: 'saturation firing rate r_max' },
  { key: 'halfRateNA', type: 'number', default: nociceptorDefaults.halfRateA * 1e9, unit: 'nA', min: 0.01, max: 1e5, description: 'current above threshold giving r_max / 2' },
  { key: 'hyperalgesiaMargin', type: 'number', default: sensitisationDefaults.hyperalgesiaMargin, min: 0, max: 10, description: 'excess of the noxious spike response over pristine that counts as hyperalgesia (0.6 = 60 % more)' },
  { key: 'checkIntervalS', type: 'number', default: sensitisationDefaults.checkIntervalS, unit: 's', min: 0.01, max: 10, description: 'interval of the periodic sensitisation check' },
];

export function nociceptorsFromParams(params: Params, size: number): CompiledNociceptors {
  return compileNociceptors(size, {
    thresholdA: num(params, 'thresholdNA') * 1e-9,
    maxRateHz: num(params, 'maxRateHz'),
    halfRateA: num(params, 'halfRateNA') * 1e-9,
  });
}

export function sensitisationFromParams(params: Params): Partial<SensitisationParams> {
  const margin = num(params, 'hyperalgesiaMargin');
  return {
    hyperalgesiaMargin: margin,
    recoveredMargin: Math.min(sensitisationDefaults.recoveredMargin, margin),
    checkIntervalS: num(params, 'checkIntervalS'),
  };
}

/** Writes trace.csv, pulses.csv, spikes.csv and states.csv of a finished simulation. */
export function writeNociceptorTables(outDir: string, sim: NociceptorSim): void {
  writeTable(outDir, 'trace.csv', sim.trace);
  writeTable(outDir, 'pulses.csv', sim.pulses);
  writeTable(outDir, 'spikes.csv', sim.spikes);
  writeTable(outDir, 'states.csv', sim.tracker.changes);
}

/** A note naming the state codes of states.csv. */
export const STATE_CODES_NOTE = `states.csv codes: ${SENSITISATION_STATES.map((s, i) => `${i} = ${s}`).join(', ')}`;

/** Spike times of one neuron, ascending. */
export function spikesOf(sim: NociceptorSim, neuron: number): number[] {
  const t = sim.spikes.column('t_s');
  const n = sim.spikes.column('neuron');
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (n[i] === neuron) out.push(t[i]);
  return out;
}

/** State changes of one neuron, in time order, as names. */
export function stateChangesOf(sim: NociceptorSim, neuron: number): Array<{ tS: number; from: string; to: string }> {
  const c = sim.tracker.changes;
  const out: Array<{ tS: number; from: string; to: string }> = [];
  for (let r = 0; r < c.rows; r++) {
    if (c.get(r, 1) !== neuron) continue;
    out.push({ tS: c.get(r, 0), from: SENSITISATION_STATES[c.get(r, 2)], to: SENSITISATION_STATES[c.get(r, 3)] });
  }
  return out;
}

/**
 * One nociceptor under one pulse train (params amplitudeV, widthS, intervalS,
 * sampleIntervalS and the nociceptor's own), probed for its device current:
 * the set-up of E11 and E12.
 */
export function singleTrainSim(params: Params, count: number, durationS: number): NociceptorSim {
  const amplitudeV = num(params, 'amplitudeV');
  const widthS = num(params, 'widthS');
  const intervalS = num(params, 'intervalS');
  const wave = stimulusWave([{ amplitudeV, widthS, intervalS, count, startS: 0 }], durationS);
  return new NociceptorSim({
    neurons: nociceptorsFromParams(params, 1),
    waveforms: [wave],
    stimulusOf: [0],
    durationS,
    probes: [0],
    probeNames: ['device current'],
    sampleIntervalS: num(params, 'sampleIntervalS'),
    sensitisation: sensitisationFromParams(params),
  });
}
