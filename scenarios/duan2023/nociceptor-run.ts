/**
 * The nociceptor experiments (E11-E13) on the network engine: their declared
 * parameters, a population of nociceptors with one stimulus waveform each,
 * and what the scenarios read and write of a finished run: spikes, onsets
 * (rises of the current above I_nox), sensitisation state changes, the
 * per-pulse table and a current trace (trace.csv, pulses.csv, spikes.csv,
 * states.csv).
 */
import { article } from '../../src/devices/targets.ts';
import { writeTable, type OutputTarget } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { LiveSimulation, ParamSpec, Params } from '../../src/harness/types.ts';
import { Network, SpikeRecorder, type NetworkDescription, type WaveformDesc } from '../../src/network/index.ts';
import { liveWithThreshold } from '../../src/network/index.ts';
import { nociceptorDefaults, type CompiledNociceptors } from '../../src/neurons/nociceptor.ts';
import { stimulusWave } from '../../src/neurons/nociceptor-protocols.ts';
import { SENSITISATION_STATES, sensitisationDefaults } from '../../src/neurons/nociceptor-state.ts';
import type { Waveform } from '../../src/protocols/waveform.ts';
import { ColumnTable } from '../../src/record/table.ts';

/** Parameters of the nociceptor itself, declared by every nociceptor scenario. */
export const nociceptorParamSpecs: readonly ParamSpec[] = [
  { key: 'thresholdNA', type: 'number', default: article.painThresholdA * 1e9, unit: 'nA', min: 1, max: 1e5, description: 'pain threshold I_nox on the device current' },
  { key: 'maxRateHz', type: 'number', default: nociceptorDefaults.maxRateHz, unit: 'Hz', min: 0.1, max: 2000, description: 'saturation firing rate r_max' },
  { key: 'halfRateNA', type: 'number', default: nociceptorDefaults.halfRateA * 1e9, unit: 'nA', min: 0.01, max: 1e5, description: 'current above threshold giving r_max / 2' },
  { key: 'hyperalgesiaMargin', type: 'number', default: sensitisationDefaults.hyperalgesiaMargin, min: 0, max: 10, description: 'excess of the noxious spike response over pristine that counts as hyperalgesia (0.5 = 50 % more)' },
  { key: 'checkIntervalS', type: 'number', default: sensitisationDefaults.checkIntervalS, unit: 's', min: 0.01, max: 10, description: 'interval of the periodic sensitisation check' },
];

/** The nociceptor population's parameters (network population params) from the scenario's. */
export function nociceptorParams(params: Params): Record<string, number> {
  const margin = num(params, 'hyperalgesiaMargin');
  return {
    thresholdA: num(params, 'thresholdNA') * 1e-9,
    maxRateHz: num(params, 'maxRateHz'),
    halfRateA: num(params, 'halfRateNA') * 1e-9,
    hyperalgesiaMargin: margin,
    recoveredMargin: Math.min(sensitisationDefaults.recoveredMargin, margin),
    checkIntervalS: num(params, 'checkIntervalS'),
  };
}

/** A protocol waveform as network data, its pulses declared for the per-pulse table. */
export function waveformDesc(w: Waveform): WaveformDesc {
  return {
    kind: 'points',
    points: Array.from(w.edgeTimesS, (t, k) => [t, w.levelsV[k]] as [number, number]),
    pulses: w.pulses.map((p) => ({ tStartS: p.tStartS, widthS: p.widthS, level: p.vV })),
  };
}

export interface NociceptorRunSpec {
  readonly params: Params;
  readonly seed: number;
  /** One waveform per nociceptor. */
  readonly waveforms: readonly Waveform[];
  readonly durationS: number;
  /** Trace and per-pulse table of every nociceptor (sample interval, s); 0: none. */
  readonly sampleIntervalS: number;
  /** Device-to-device relative sigma: one drawn device for all nociceptors (0: the preset). */
  readonly variation?: number;
  /** Cycle-to-cycle relative sigma: each stimulus pulse of each nociceptor its own factor (0: none). */
  readonly cycleToCycle?: number;
}

export const POPULATION = 'nociceptors';

/** A nociceptor population under its waveforms, recorded. */
export class NociceptorRun {
  readonly net: Network;
  readonly rec = new SpikeRecorder();
  readonly onsets = new ColumnTable(['t_s', 'neuron'], 256);
  readonly neurons: CompiledNociceptors;
  readonly durationS: number;
  private readonly traced: boolean;
  private readonly waveforms: readonly Waveform[];

  constructor(spec: NociceptorRunSpec) {
    const n = spec.waveforms.length;
    const all = Array.from({ length: n }, (_, i) => i);
    const sigma = spec.variation ?? 0;
    const c2c = spec.cycleToCycle ?? 0;
    const variation = { ...(sigma > 0 ? { deviceToDevice: sigma, sameDevice: true } : {}), ...(c2c > 0 ? { cycleToCycle: c2c } : {}) };
    const traced = spec.sampleIntervalS > 0;
    const desc: NetworkDescription = {
      durationS: spec.durationS,
      seed: spec.seed,
      populations: [{ name: POPULATION, model: 'nociceptor', size: n, params: nociceptorParams(spec.params), ...(sigma > 0 || c2c > 0 ? { variation } : {}) }],
      stimuli: [{ kind: 'per-neuron', population: POPULATION, waveforms: spec.waveforms.map(waveformDesc) }],
      probes: traced
        ? [
            { kind: 'neuron' as const, population: POPULATION, neurons: all, variable: 'i_A', intervalS: spec.sampleIntervalS },
            { kind: 'pulses' as const, population: POPULATION, neurons: all, variable: 'i_A', intervalS: spec.sampleIntervalS },
          ]
        : [],
    };
    this.net = new Network(desc);
    this.net.attach(this.rec);
    this.net.addOnsetListener((t, g) => {
      const r = this.onsets.addRow();
      this.onsets.set(r, 0, t);
      this.onsets.set(r, 1, g);
    });
    this.neurons = this.net.population(POPULATION).model as CompiledNociceptors;
    this.durationS = spec.durationS;
    this.traced = traced;
    this.waveforms = spec.waveforms;
  }

  /** The population's state (stride values per nociceptor). */
  get state(): Float64Array {
    return this.net.population(POPULATION).state;
  }

  /** Runs to untilS (default the end), in slices reporting progress. */
  run(untilS = this.durationS, onProgress?: (fraction: number) => void): void {
    const t0 = this.net.kernel.now;
    const slices = onProgress ? 20 : 1;
    for (let s = 1; s <= slices; s++) {
      this.net.run(t0 + ((untilS - t0) * s) / slices);
      onProgress?.(s / slices);
    }
  }

  /** Brings every nociceptor to tS so its device state can be read (exact; changes nothing after). */
  settle(tS: number): void {
    this.net.settle(tS);
  }

  get spikes(): ColumnTable {
    return this.rec.spikesTable();
  }

  get stateChanges(): ColumnTable {
    return this.rec.stateChanges;
  }

  /** The per-pulse table (index, t_start_s, width_s, level, i_start_A, i_end_A, i_peak_A, neuron, spikes). */
  get pulses(): ColumnTable {
    return this.net.pulseTable ?? new ColumnTable(['index', 't_start_s', 'width_s', 'level', 'i_start_A', 'i_end_A', 'i_peak_A', 'neuron', 'spikes'], 1);
  }

  /** The sampled trace: t_s, then v_V and i_A per nociceptor (prefix n<i>_ when more than one). */
  get trace(): ColumnTable {
    const n = this.neurons.size;
    const cols = ['t_s'];
    for (let i = 0; i < n; i++) cols.push(n === 1 ? 'v_V' : `n${i}_v_V`, n === 1 ? 'i_A' : `n${i}_i_A`);
    const tab = new ColumnTable(cols, 1024);
    if (!this.traced) return tab;
    const s = this.rec.samples;
    // Channel i: i_A of nociceptor i; v_V is its waveform's level (edges come before samples of the same instant).
    const edge = new Int32Array(n);
    let r = -1;
    let last = NaN;
    for (let k = 0; k < s.rows; k++) {
      const t = s.get(k, 0);
      if (t !== last) {
        r = tab.addRow();
        tab.set(r, 0, t);
        last = t;
      }
      const i = s.get(k, 1);
      const w = this.waveforms[i];
      while (edge[i] + 1 < w.edgeTimesS.length && w.edgeTimesS[edge[i] + 1] <= t) edge[i]++;
      tab.set(r, 1 + 2 * i, w.edgeTimesS.length > 0 && w.edgeTimesS[0] <= t ? w.levelsV[edge[i]] : 0);
      tab.set(r, 2 + 2 * i, s.get(k, 2));
    }
    return tab;
  }

  live(): LiveSimulation {
    return liveWithThreshold(this.net, this.neurons.law.thresholdA);
  }
}

/** Writes trace.csv, pulses.csv, spikes.csv and states.csv of a finished run. */
export function writeNociceptorTables(to: OutputTarget, run: NociceptorRun): void {
  writeTable(to, 'trace.csv', run.trace);
  writeTable(to, 'pulses.csv', run.pulses);
  writeTable(to, 'spikes.csv', run.spikes);
  writeTable(to, 'states.csv', run.stateChanges);
}

/** A note naming the state codes of states.csv. */
export const STATE_CODES_NOTE = `states.csv codes: ${SENSITISATION_STATES.map((s, i) => `${i} = ${s}`).join(', ')}`;

/** Spike times of one nociceptor, ascending. */
export function spikesOf(run: NociceptorRun, neuron: number): number[] {
  const out: number[] = [];
  const rec = run.rec;
  for (let k = 0; k < rec.count; k++) if (rec.neurons[k] === neuron) out.push(rec.times[k]);
  return out;
}

/** State changes of one nociceptor, in time order, as names. */
export function stateChangesOf(run: NociceptorRun, neuron: number): Array<{ tS: number; from: string; to: string }> {
  const c = run.stateChanges;
  const out: Array<{ tS: number; from: string; to: string }> = [];
  for (let r = 0; r < c.rows; r++) {
    if (c.get(r, 1) !== neuron) continue;
    out.push({ tS: c.get(r, 0), from: SENSITISATION_STATES[c.get(r, 2)], to: SENSITISATION_STATES[c.get(r, 3)] });
  }
  return out;
}

/** State code of one nociceptor at the last change at or before tS (0, normal, if none). */
export function stateAt(run: NociceptorRun, neuron: number, tS: number): number {
  const c = run.stateChanges;
  let code = 0;
  for (let r = 0; r < c.rows && c.get(r, 0) <= tS; r++) if (c.get(r, 1) === neuron) code = c.get(r, 3);
  return code;
}

/**
 * One nociceptor under one pulse train (params amplitudeV, widthS, intervalS,
 * sampleIntervalS and the nociceptor's own), probed for its device current:
 * the set-up of E11 and E12.
 */
export function singleTrainRun(params: Params, seed: number, count: number, durationS: number): NociceptorRun {
  const wave = stimulusWave([{ amplitudeV: num(params, 'amplitudeV'), widthS: num(params, 'widthS'), intervalS: num(params, 'intervalS'), count, startS: 0 }], durationS);
  return new NociceptorRun({ params, seed, waveforms: [wave], durationS, sampleIntervalS: num(params, 'sampleIntervalS') });
}
