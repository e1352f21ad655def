/**
 * E13 (Fig. 5d,e): allodynia after injury. Pristine nociceptors each get one
 * 7 V noxious pulse of width 0.5, 1, 1.5 or 2 s, rest at the read bias
 * (NOXIOUS_REST_S of src/devices/experiments.ts; the article does not state
 * it), then the innocuous train of E11 (2 V, W = dt = 0.5 s). The article:
 * the innocuous train now exceeds I_nox after an incubation time of 27, 21,
 * 13 and 10 s (wider noxious pulse, shorter incubation). Incubation = from
 * the first rising edge of the train to the first rise of the nociceptor's
 * current above I_nox (an onset event of the nociceptor).
 *
 * In the same kernel run: a pristine control under the train alone (E11),
 * and a hyperalgesia pair: a 7 V test pulse on a pristine nociceptor and the
 * same test pulse after the widest injury and the rest. Hyperalgesia is
 * judged, just before the test pulses, by the state rule's noxious response
 * (src/neurons/nociceptor-state.ts: the current at the end of a brief 20 ms
 * 7 V reference) against its margin; the 0.5 s test pulse itself fills the
 * volatile and sensitisation components of the pristine device too (its
 * peak differs by about 9 %) and both fire near r_max, so those are reported
 * as measurements only. A second run leaves
 * an injured nociceptor unstimulated and follows its sensitisation state
 * back to normal (recovery).
 */
import { NOXIOUS_REST_S } from '../../src/devices/experiments.ts';
import { article } from '../../src/devices/targets.ts';
import { injuryThenTrain, stimulusWave } from '../../src/neurons/nociceptor-protocols.ts';
import { SensitisationTracker } from '../../src/neurons/nociceptor-state.ts';
import { NociceptorRun, STATE_CODES_NOTE, nociceptorParamSpecs, nociceptorParams, spikesOf, stateAt, stateChangesOf, writeNociceptorTables } from './nociceptor-run.ts';
import { writeAllodyniaFigures } from './nociceptor-figures.ts';
import { noxiousSpikeResponse, sensitisationDefaults } from '../../src/neurons/nociceptor-state.ts';
import { compileNociceptors } from '../../src/neurons/nociceptor.ts';
import { stateAfterNoxious } from '../../src/devices/experiments.ts';
import { CLAIM } from '../../src/devices/claims.ts';
import { atLeast, holds, figure, strictlyDecreasing, withinRelative } from '../../src/harness/metrics.ts';
import { finishScenario, writeTable } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { Metric, Params, Scenario } from '../../src/harness/types.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

export const WIDTHS_S = article.incubation.map((e) => e.noxiousWidthS);
/** Neuron roles in the main run. */
export const CONTROL = WIDTHS_S.length;
export const TEST_PRISTINE = CONTROL + 1;
export const TEST_INJURED = CONTROL + 2;

export interface AllodyniaSetup {
  readonly sim: NociceptorRun;
  /** Per width: first rising edge of the train (s). */
  readonly trainStartS: number[];
  /** Rising edge of the 7 V test pulses (s). */
  readonly testStartS: number;
  readonly testWidthS: number;
}

export function buildAllodynia(params: Params, seed: number): AllodyniaSetup {
  const noxiousV = num(params, 'noxiousV');
  const restS = num(params, 'restS');
  const trainS = num(params, 'trainS');
  const innocuous = { amplitudeV: num(params, 'innocuousV'), widthS: article.innocuous.widthS, intervalS: article.innocuous.intervalS };
  const widest = Math.max(...WIDTHS_S);
  const durationS = widest + restS + trainS;
  const waves = WIDTHS_S.map((w) => injuryThenTrain(noxiousV, w, restS, innocuous, w + restS + trainS));
  const control = stimulusWave([{ ...innocuous, count: Math.floor(trainS / (innocuous.widthS + innocuous.intervalS)), startS: restS }], durationS);
  const testWidthS = article.innocuous.widthS;
  const testStartS = widest + restS;
  const testPristine = stimulusWave([{ amplitudeV: noxiousV, widthS: testWidthS, intervalS: 0, count: 1, startS: testStartS }], durationS);
  const testInjured = stimulusWave(
    [
      { amplitudeV: noxiousV, widthS: widest, intervalS: 0, count: 1, startS: 0 },
      { amplitudeV: noxiousV, widthS: testWidthS, intervalS: 0, count: 1, startS: testStartS },
    ],
    durationS,
  );
  const waveforms = [...waves.map((w) => w.wave), control, testPristine, testInjured];
  const sim = new NociceptorRun({ params, seed, waveforms, durationS, sampleIntervalS: num(params, 'sampleIntervalS'), variation: num(params, 'variation'), cycleToCycle: num(params, 'cycleToCycle') });
  return { sim, trainStartS: waves.map((w) => w.trainStartS), testStartS, testWidthS };
}

/** Injury, then no stimulus: when does the nociceptor's state return to normal? */
export function runRecovery(params: Params, seed: number): { sim: NociceptorRun; injuryEndS: number; backToNormalS: number; hyperalgesiaEndS: number; path: string[] } {
  const noxiousV = num(params, 'noxiousV');
  const widthS = Math.max(...WIDTHS_S);
  const durationS = widthS + num(params, 'recoveryHorizonS');
  // The same seed draws the same device as the main run (population 0, device 0).
  const sim = new NociceptorRun({
    params,
    seed,
    waveforms: [stimulusWave([{ amplitudeV: noxiousV, widthS, intervalS: 0, count: 1, startS: 0 }], durationS)],
    durationS,
    sampleIntervalS: 0,
    variation: num(params, 'variation'),
    cycleToCycle: num(params, 'cycleToCycle'),
  });
  sim.run();
  const changes = stateChangesOf(sim, 0);
  let hyperalgesiaEndS = Infinity;
  let backToNormalS = Infinity;
  for (const c of changes) {
    if (c.from === 'hyperalgesia' && c.to !== 'allodynia') hyperalgesiaEndS = c.tS - widthS;
    if (c.to === 'normal') backToNormalS = c.tS - widthS;
    else backToNormalS = Infinity;
  }
  const path = ['normal', ...changes.map((c) => c.to)];
  return { sim, injuryEndS: widthS, backToNormalS, hyperalgesiaEndS, path };
}

/** First onset of neuron i at or after tS, minus tS; Infinity if none. */
function onsetAfter(sim: NociceptorRun, neuron: number, tS: number): number {
  const o = sim.onsets;
  for (let r = 0; r < o.rows; r++) if (o.get(r, 1) === neuron && o.get(r, 0) >= tS) return o.get(r, 0) - tS;
  return Infinity;
}

export const fig5deAllodynia: Scenario = {
  name: 'fig5de-allodynia',
  experiment: 'E13',
  figure: 'Fig. 5d,e',
  title: 'Allodynia after a noxious pulse: incubation time vs noxious width; hyperalgesia; recovery',
  group: 'nociceptor',
  params: [
    { key: 'noxiousV', type: 'number', default: article.noxiousV, unit: 'V', min: 0.2, max: 12, description: 'noxious pulse amplitude' },
    { key: 'innocuousV', type: 'number', default: article.innocuous.amplitudeV, unit: 'V', min: 0.2, max: 12, description: 'innocuous train amplitude' },
    { key: 'restS', type: 'number', default: NOXIOUS_REST_S, unit: 's', min: 0, max: 600, description: 'rest at the read bias between the noxious pulse and the train' },
    { key: 'trainS', type: 'number', default: 60, unit: 's', min: 1, max: 3600, description: 'length of the innocuous train followed' },
    { key: 'recoveryHorizonS', type: 'number', default: 20000, unit: 's', min: 1, max: 1e6, description: 'how long an injured, unstimulated nociceptor is followed for recovery' },
    { key: 'sampleIntervalS', type: 'number', default: 0.02, unit: 's', min: 0.001, max: 10, description: 'trace sample interval' },
    { key: 'variation', type: 'number', default: 0, min: 0, max: 1, description: 'device-to-device variation (relative sigma of the lognormal device factors); the seed draws one device for all nociceptors' },
    { key: 'cycleToCycle', type: 'number', default: 0, min: 0, max: 1, description: "cycle-to-cycle variation (relative sigma of each stimulus pulse's lognormal rate factor, drawn per nociceptor and pulse from the seed)" },
    ...nociceptorParamSpecs,
  ],
  estimate: (p) => {
    const rows = (4 * (num(p, 'restS') + num(p, 'trainS') + 30)) / num(p, 'sampleIntervalS') + num(p, 'recoveryHorizonS') / 10;
    return recordedRows(rows * 2, rows, 6);
  },
  async run(ctx) {
    const setup = buildAllodynia(ctx.params, ctx.seed);
    const { sim } = setup;
    ctx.progress.start('fig5de-allodynia');
    // Just before the 7 V test pulses: the noxious response (state rule, nociceptor-state.ts) of both test neurons.
    sim.run(setup.testStartS);
    sim.settle(setup.testStartS);
    const np = nociceptorParams(ctx.params);
    const tracker = new SensitisationTracker(sim.neurons, { hyperalgesiaMargin: np.hyperalgesiaMargin, recoveredMargin: np.recoveredMargin, checkIntervalS: np.checkIntervalS });
    const marginPct = tracker.params.hyperalgesiaMargin * 100;
    const responsePristine = tracker.noxiousResponseA(sim.state, TEST_PRISTINE);
    const responseInjured = tracker.noxiousResponseA(sim.state, TEST_INJURED);
    const stateAtTest = sim.neurons.stateNames[stateAt(sim, TEST_INJURED, setup.testStartS)];
    sim.run(sim.durationS, (f) => ctx.progress.update(0.8 * f));
    const recovery = runRecovery(ctx.params, ctx.seed);
    ctx.progress.done();
    writeNociceptorTables(ctx, sim);
    writeTable(ctx, 'recovery-states.csv', recovery.sim.stateChanges);

    const incubationS = WIDTHS_S.map((_, i) => onsetAfter(sim, i, setup.trainStartS[i]));
    const firstSpikeS = WIDTHS_S.map((_, i) => (spikesOf(sim, i).find((t) => t >= setup.trainStartS[i]) ?? Infinity) - setup.trainStartS[i]);
    const controlOnset = onsetAfter(sim, CONTROL, 0);
    const testSpikes = (i: number): number => spikesOf(sim, i).filter((t) => t >= setup.testStartS && t < setup.testStartS + setup.testWidthS).length;
    const peakOf = (i: number): number => {
      const p = sim.pulses;
      const [cn, ct, cp] = [p.colIndex('neuron'), p.colIndex('t_start_s'), p.colIndex('i_peak_A')];
      for (let r = 0; r < p.rows; r++) if (p.get(r, cn) === i && p.get(r, ct) === setup.testStartS) return p.get(r, cp);
      return NaN;
    };
    const pristinePeak = peakOf(TEST_PRISTINE);
    const injuredPeak = peakOf(TEST_INJURED);
    const peakExcessPct = (injuredPeak / pristinePeak - 1) * 100;
    const responseExcessPct = (responseInjured / responsePristine - 1) * 100;
    const figures = writeAllodyniaFigures(ctx, { sim, widthsS: WIDTHS_S, trainStartS: setup.trainStartS, incubationS, articleIncubationS: article.incubation.map((e) => e.incubationS) }, { pristinePeak, injuredPeak, pristineResponse: responsePristine, injuredResponse: responseInjured, referenceLabel: `${tracker.params.noxiousRefWidthS * 1000} ms ${tracker.params.noxiousRefV} V response (nA)` });

    const metrics: Metric[] = [];
    article.incubation.forEach((e, i) => {
      metrics.push(withinRelative({ id: CLAIM.e13Incubation[i], name: `incubation time after a ${e.noxiousWidthS} s noxious pulse`, unit: 's' }, e.incubationS, round(incubationS[i]), article.incubationRelTol));
    });
    metrics.push(holds({ id: 'E13.incubation-ordering', name: 'incubation decreases with noxious width', says: 'wider pulse, shorter incubation', panel: 'Fig. 5d,e' }, incubationS.map((x) => round(x)).join(' > '), strictlyDecreasing(incubationS)));
    metrics.push(holds({ id: 'E13.1', name: 'pristine control stays below I_nox', says: 'no allodynia without injury', panel: 'Fig. 5d,e' }, Number.isFinite(controlOnset) ? `crosses at ${round(controlOnset)} s` : 'never crosses', !Number.isFinite(controlOnset) || controlOnset > num(ctx.params, 'trainS')));
    firstSpikeS.forEach((t, i) => metrics.push(figure(`first spike of the train after a ${WIDTHS_S[i]} s noxious pulse`, 's', round(t))));
    const refMs = tracker.params.noxiousRefWidthS * 1000;
    metrics.push(
      atLeast({ id: 'E13.5', name: `hyperalgesia: noxious response (current at the end of a ${refMs} ms ${tracker.params.noxiousRefV} V pulse) after a ${Math.max(...WIDTHS_S)} s injury and ${num(ctx.params, 'restS')} s rest, excess over pristine`, unit: '%', says: `hyperalgesia: noxious response (current at the end of a ${refMs} ms ${tracker.params.noxiousRefV} V pulse) after a ${Math.max(...WIDTHS_S)} s injury and ${num(ctx.params, 'restS')} s rest, excess over pristine`, panel: 'Fig. 5d,e' },
        null,
        round(responseExcessPct),
        marginPct,
      ),
    );
    metrics.push(figure('noxious response of the pristine test neuron', 'nA', round(responsePristine * 1e9)));
    metrics.push(figure('noxious response of the injured test neuron', 'nA', round(responseInjured * 1e9)));
    // Allodynia takes precedence over hyperalgesia (a lowered threshold implies the larger response too).
    metrics.push(holds({ id: 'E13.2', name: 'injured nociceptor is sensitised before the test pulse', says: 'hyperalgesia (or allodynia, which implies it)', panel: 'Fig. 5d,e' }, stateAtTest, stateAtTest === 'hyperalgesia' || stateAtTest === 'allodynia'));
    metrics.push(figure('7 V test pulse (0.5 s): peak current excess after injury', '%', round(peakExcessPct)));
    metrics.push(figure('7 V test pulse (0.5 s): spikes of the injured neuron (rate near r_max either way)', 'spikes', testSpikes(TEST_INJURED)));
    metrics.push(figure('7 V test pulse (0.5 s): spikes of the pristine neuron', 'spikes', testSpikes(TEST_PRISTINE)));
    metrics.push(
      holds({ id: 'E13.3', name: 'recovery: an injured, unstimulated nociceptor passes through hyperalgesia and returns to normal', says: 'sensitisation fades (healing)', panel: 'Fig. 5d,e' },
        `${recovery.path.join(' -> ')}; normal ${round(recovery.backToNormalS)} s after the injury`,
        recovery.path.includes('hyperalgesia') && recovery.path[recovery.path.length - 1] === 'normal' && Number.isFinite(recovery.backToNormalS),
      ),
    );
    metrics.push(hyperalgesiaInSpikes(ctx.params));
    metrics.push(figure('recovery: injury end to end of hyperalgesia', 's', round(recovery.hyperalgesiaEndS)));
    metrics.push(figure('recovery: injury end to state back to normal', 's', round(recovery.backToNormalS)));
    return finishScenario(ctx, fig5deAllodynia, metrics, figures, {
      notes: [
        `Rest between the noxious pulse and the innocuous train: ${num(ctx.params, 'restS')} s at the read bias.`,
        `Neurons: 0-${WIDTHS_S.length - 1} injured with widths ${WIDTHS_S.join(', ')} s; ${CONTROL} pristine control; ${TEST_PRISTINE}/${TEST_INJURED} 7 V test pulse pristine/injured.`,
        `Recovery run (recovery-states.csv): one ${Math.max(...WIDTHS_S)} s noxious pulse, then the read bias for ${num(ctx.params, 'recoveryHorizonS')} s.`,
        STATE_CODES_NOTE,
      ],
    });
  },
  live(params, seed) {
    return buildAllodynia(params, seed).sim.live();
  },
};

/**
 * Hyperalgesia in spikes (spec, "Nociceptor behaviour"): a brief 7 V test
 * pulse (50 ms, the state rule's noxious reference: the device saturates
 * within milliseconds, so a long pulse hides the injury) on a pristine
 * nociceptor and on one after the widest injury and the rest; the claim holds
 * when both the spike count and the peak rate (1 / shortest interspike
 * interval) exceed the pristine ones by at least 25 %. Not in the calibration.
 */
export function hyperalgesiaInSpikes(params: Params): Metric {
  const neurons = compileNociceptors(1, nociceptorParams(params));
  const widthS = sensitisationDefaults.noxiousRefWidthS;
  const v = num(params, 'noxiousV');
  const pristine = noxiousSpikeResponse(neurons, new Float64Array(neurons.device.stride), v, widthS);
  const injured = noxiousSpikeResponse(neurons, stateAfterNoxious(neurons.device, Math.max(...WIDTHS_S), num(params, 'restS'), v), v, widthS);
  const countPct = (injured.spikes / pristine.spikes - 1) * 100;
  const peakPct = (injured.peakRateHz / pristine.peakRateHz - 1) * 100;
  return holds(
    { id: 'E13.hyperalgesia-spikes', name: `hyperalgesia in spikes: ${widthS * 1000} ms ${v} V test pulse after a ${Math.max(...WIDTHS_S)} s injury and ${num(params, 'restS')} s rest vs pristine (count and peak rate each >= +25 %)` },
    `${injured.spikes} vs ${pristine.spikes} spikes (${round(countPct)} %), peak ${round(injured.peakRateHz)} vs ${round(pristine.peakRateHz)} Hz (${round(peakPct)} %)`,
    countPct >= 25 && peakPct >= 25,
  );
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(5)) : x;
}
