/**
 * Spike-timing pattern learning on memristor synapses (Masquelier, Guyonneau
 * & Thorpe 2008, PLoS ONE 3:e1377). One LIF neuron listens to afferents of
 * Poisson noise; a 50 ms spatio-temporal pattern, embedded in half of them at
 * random times (about 25 % of the time, same rates as the noise), can only
 * be told apart by spike timing. STDP programs each synapse's memristor with
 * pulses (src/plasticity/memristive-weights.ts), so the device's
 * nonlinearity, bounds and volatile relaxation all shape learning. A
 * potentiating event also fills the device's volatile conductance (short-term
 * facilitation, ~30 times the lasting change for 0.5 s), so each
 * postsynaptic spike transiently strengthens the synapses it potentiated;
 * the neuron lives with it through a spike-triggered threshold adaptation
 * whose size and decay are measured from the device at run time
 * (src/neurons/lif-adaptive.ts, src/plasticity/volatile-response.ts). Reported
 * over the run, per tenth: hit rate (presentations with a postsynaptic spike
 * inside the pattern), false alarms per second of noise, and latency from
 * pattern onset to the postsynaptic spike. Also writes the device-native
 * STDP window of the device preset (stdp-window.csv / .svg).
 */
import { DEFAULT_DEVICE, compileDevice, devices } from '../../src/devices/registry.ts';
import { compileRule } from '../../src/plasticity/registry.ts';
import { calibrateDevice } from '../../src/plasticity/memristive-weights.ts';
import { volatileResponse } from '../../src/plasticity/volatile-response.ts';
import { computeStdpWindow } from '../../src/plasticity/stdp-window.ts';
import { writeStdpWindow } from './stdp-window-figure.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { figure } from '../../src/harness/metrics.ts';
import { num } from '../../src/harness/params.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { lineChart } from '../../src/report/svg.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { generateInput } from './input.ts';
import { rasterSVG } from './figures.ts';
import { runLearning, scoreRun } from './sim.ts';
import { recordedRows } from '../../src/harness/estimate.ts';

const PATTERN_S = 0.05;
/** Potentiation window of the rules (s). */
const T_LTP_S = 0.0168;
const PARTS = 10;

function ruleFor(params: Params): ReturnType<typeof compileRule> {
  const aPlus = num(params, 'aPlus');
  const aMinus = aPlus * num(params, 'aMinusRatio');
  const kind = String(params.rule);
  if (kind === 'stdp-window') return compileRule('stdp-window', { aPlus, aMinus, tLtpS: T_LTP_S });
  if (kind === 'stdp-triplet') return compileRule('stdp-triplet', { a2Plus: aPlus, a2Minus: aMinus, a3Plus: aPlus });
  return compileRule('stdp-pair', {
    aPlus,
    aMinus,
    tauPlusS: T_LTP_S,
    tauMinusS: 0.0337,
    pairing: kind === 'stdp-pair-nearest' ? 'nearest' : 'all-to-all',
  });
}

export const patternLearning: Scenario = {
  name: 'pattern-learning',
  experiment: 'circuit',
  figure: '',
  title: 'STDP on memristor synapses learns a repeating spike pattern hidden in noise',
  group: 'learning',
  params: [
    { key: 'afferents', type: 'integer', default: 500, min: 10, max: 20000, description: 'number of input afferents' },
    { key: 'rateHz', type: 'number', default: 10, unit: 'Hz', min: 0.1, max: 200, description: 'Poisson rate of every afferent' },
    { key: 'patternAfferentFraction', type: 'number', default: 0.5, min: 0.01, max: 1, description: 'fraction of afferents in the pattern' },
    { key: 'durationS', type: 'number', default: 150, unit: 's', min: 1, max: 10000, description: 'simulated time (quick runs: 40 s)' },
    { key: 'jitterS', type: 'number', default: 0.001, unit: 's', min: 0, max: 0.02, description: 'SD of the jitter of pattern spikes' },
    { key: 'rule', type: 'enum', default: 'stdp-window', choices: ['stdp-window', 'stdp-pair-all', 'stdp-pair-nearest', 'stdp-triplet'], description: 'learning rule' },
    { key: 'aPlus', type: 'number', default: 0.02, min: 0, max: 1, description: 'potentiation amplitude (normalised weight)' },
    { key: 'aMinusRatio', type: 'number', default: 0.5, min: 0, max: 5, description: 'depression amplitude / potentiation amplitude' },
    { key: 'initialWeight', type: 'number', default: 0.25, min: 0, max: 1, description: 'normalised weight every device is programmed to first' },
    { key: 'thresholdEpsp', type: 'number', default: 14, min: 1, max: 1000, description: 'firing threshold in units of the largest EPSP' },
    { key: 'resetEpsp', type: 'number', default: -28, min: -1000, max: 0, description: 'potential after a spike in units of the largest EPSP (after-hyperpolarisation)' },
    {
      key: 'adaptation',
      type: 'number',
      default: 0.7,
      min: 0,
      max: 10,
      description: 'threshold increment per postsynaptic spike as a fraction of the extra drive the device facilitation of one spike\'s potentiation brings (0: no adaptation)',
    },
    {
      key: 'adaptationTauS',
      type: 'number',
      default: 0,
      unit: 's',
      min: 0,
      max: 100,
      description: 'decay time of the threshold adaptation (0: the 1/e decay time of the device facilitation)',
    },
    { key: 'tauMS', type: 'number', default: 0.01, unit: 's', min: 1e-4, max: 1, description: 'membrane time constant' },
    { key: 'potentiationV', type: 'number', default: 4, unit: 'V', min: 0.2, max: 10, description: 'programming pulse amplitude, potentiation' },
    { key: 'depressionV', type: 'number', default: -3, unit: 'V', min: -10, max: -0.2, description: 'programming pulse amplitude, depression' },
    {
      key: 'programming',
      type: 'enum',
      default: 'state-aware',
      choices: ['state-aware', 'open-loop'],
      description: 'pulse count from the present device state (state-aware) or from the step at w = 0.5 (open-loop)',
    },
    {
      key: 'volatile',
      type: 'boolean',
      default: true,
      description: 'keep the volatile (fast, medium, fastHigh) conductance of the device; false zeroes their weights (a named device override)',
    },
    { key: 'pulseWidthS', type: 'number', default: 0.05, unit: 's', min: 1e-5, max: 1, description: 'programming pulse width' },
  ],
  estimate: (p) => {
    // Every input spike is an event; the raster and weight tables grow with them.
    const spikes = num(p, 'afferents') * num(p, 'rateHz') * num(p, 'durationS') * 1.1;
    return recordedRows(spikes * 2, spikes / 8, 3);
  },
  async run(ctx) {
    const p = ctx.params;
    const durationS = ctx.quick ? Math.min(40, num(p, 'durationS')) : num(p, 'durationS');
    const n = num(p, 'afferents');
    const epspMaxV = 1e-3;
    const thresholdV = num(p, 'thresholdEpsp') * epspMaxV;
    ctx.progress.start('pattern-learning');
    const input = generateInput({
      afferents: n,
      rateHz: num(p, 'rateHz'),
      patternAfferentFraction: num(p, 'patternAfferentFraction'),
      patternS: PATTERN_S,
      patternTimeFraction: 0.25,
      jitterS: num(p, 'jitterS'),
      durationS,
      seed: ctx.seed,
    });
    const device = compileDevice(DEFAULT_DEVICE);
    const keepVolatile = p.volatile !== false;
    const preset = devices.mose2.preset;
    // Override for the control run: the volatile components still move but add no conductance.
    const nonVolatileParams = { ...preset, fast: { ...preset.fast, weightS: 0 }, medium: { ...preset.medium, weightS: 0 }, fastHigh: { ...preset.fastHigh, weightS: 0 } };
    const nonVolatile = compileDevice(DEFAULT_DEVICE, nonVolatileParams);
    const synDevice = keepVolatile ? device : nonVolatile;
    const overrides = keepVolatile
      ? []
      : (['fast', 'medium', 'fastHigh'] as const).map((c) => ({
          key: `${c}.weightS`,
          value: 0,
          reason: 'control: synapses without the volatile part of the conductance (short-term facilitation after programming)',
        }));
    const width = num(p, 'pulseWidthS');
    const synSpec = {
      device: synDevice,
      synapses: n,
      potentiation: { amplitudeV: num(p, 'potentiationV'), widthS: width },
      depression: { amplitudeV: num(p, 'depressionV'), widthS: width },
      initialWeight: num(p, 'initialWeight'),
      programming: p.programming === 'open-loop' ? ('open-loop' as const) : ('state-aware' as const),
    };
    const snaps = Float64Array.from({ length: 2 * PARTS + 1 }, (_, k) => (durationS * k) / (2 * PARTS));
    // Threshold adaptation matched to the device: one postsynaptic spike potentiates the ~N nu T_LTP
    // afferents that fired in the window, each gaining a volatile weight v0 that relaxes in decayS;
    // while it lasts they add N nu T_LTP v0 (nu tau_m) EPSPs to the mean drive (same neuron for the control).
    const rateHz = num(p, 'rateHz');
    const facilitation = volatileResponse({ ...synSpec, device }, 0.5, num(p, 'aPlus'));
    const tauMS = num(p, 'tauMS');
    const facilitationEpsp = n * rateHz * T_LTP_S * facilitation.initialWeight * rateHz * tauMS;
    const adaptationTauS = num(p, 'adaptationTauS') > 0 ? num(p, 'adaptationTauS') : Math.max(facilitation.decayS, tauMS);
    const adaptationV = num(p, 'adaptation') * facilitationEpsp * epspMaxV;
    const neuronSpec = { tauMS, thresholdV, resetV: num(p, 'resetEpsp') * epspMaxV, refractoryS: 0.001, epspMaxV, adaptationV, adaptationTauS };
    const { synapses: _count, device: _device, ...synapse } = synSpec;
    const learn = (deviceParams: unknown, from: number, to: number) => {
      const r = runLearning(input, ruleFor(p), { ...synapse, deviceParams }, neuronSpec, durationS, snaps, (f) => ctx.progress.update(from + (to - from) * f));
      return { syn: r.syn, run: r, score: scoreRun(r.postSpikesS, input.onsetsS, PATTERN_S, durationS, PARTS) };
    };
    const { syn, run, score } = learn(keepVolatile ? undefined : nonVolatileParams, 0, keepVolatile ? 0.6 : 0.9);
    // With the full device, the same input once more on synapses without the volatile conductance.
    const control = keepVolatile ? learn(nonVolatileParams, 0.6, 0.9).score.stats[PARTS - 1] : null;

    // Tables.
    const spikes = new ColumnTable(['t_s', 'neuron', 'kind']);
    const rasterWindows: Array<[number, number]> = [[0, Math.min(1, durationS)], [Math.max(0, durationS - 1), durationS]];
    for (let j = 0; j < n; j++) {
      for (let k = input.start[j]; k < input.start[j + 1]; k++) {
        const t = input.times[k];
        if (rasterWindows.some(([a, b]) => t >= a && t < b)) {
          const r = spikes.addRow();
          spikes.set(r, 0, t);
          spikes.set(r, 1, j);
          spikes.set(r, 2, input.inPattern[j]);
        }
      }
    }
    for (const t of run.postSpikesS) {
      const r = spikes.addRow();
      spikes.set(r, 0, t);
      spikes.set(r, 1, n);
      spikes.set(r, 2, 2);
    }
    writeTable(ctx, 'spikes.csv', spikes);
    const weights = new ColumnTable(['t_s', 'afferent', 'in_pattern', 'first_pattern_spike_s', 'weight', 'conductance_S']);
    snaps.forEach((t, k) => {
      for (let j = 0; j < n; j++) {
        const r = weights.addRow();
        weights.set(r, 0, t);
        weights.set(r, 1, j);
        weights.set(r, 2, input.inPattern[j]);
        weights.set(r, 3, input.firstPatternSpikeS[j]);
        weights.set(r, 4, run.weights[k * n + j]);
        weights.set(r, 5, run.conductancesS[k * n + j]);
      }
    });
    writeTable(ctx, 'weights.csv', weights);
    const learning = new ColumnTable(['t_start_s', 't_end_s', 'presentations', 'hits', 'hit_rate', 'false_alarms', 'noise_s', 'false_alarms_per_s', 'mean_latency_s']);
    for (const s of score.stats) {
      const r = learning.addRow();
      [s.tStartS, s.tEndS, s.presentations, s.hits, s.hitRate, s.falseAlarms, s.noiseS, s.falseAlarmPerS, s.meanLatencyS].forEach((v, c) => learning.set(r, c, v));
    }
    writeTable(ctx, 'learning.csv', learning);
    const latency = new ColumnTable(['onset_s', 'latency_s']);
    input.onsetsS.forEach((o, i) => {
      const r = latency.addRow();
      latency.set(r, 0, o);
      latency.set(r, 1, score.latency[i]);
    });
    writeTable(ctx, 'latency.csv', latency);

    // Device-native STDP window of the present device preset.
    // Reference state: a device programmed to mid-range (w = 0.5), so it can move both ways.
    const win = computeStdpWindow({ device, initialState: calibrateDevice({ ...synSpec, device, synapses: 1, initialWeight: 0.5 }).initialState });

    // Figures.
    const mid = score.stats.map((s) => (s.tStartS + s.tEndS) / 2);
    const meanW = (inPat: number): number[] =>
      Array.from(snaps, (_, k) => {
        let sum = 0;
        let c = 0;
        for (let j = 0; j < n; j++) if (input.inPattern[j] === inPat) (sum += run.weights[k * n + j]), c++;
        return c > 0 ? sum / c : NaN;
      });
    const wPat = meanW(1);
    const wNoise = meanW(0);
    const last = n * (snaps.length - 1);
    const early = Array.from({ length: n }, (_, j) => j).filter((j) => input.inPattern[j]);
    const figures = [
      writeSVG(ctx, 'raster-start.svg', rasterSVG(input, run.postSpikesS, PATTERN_S, rasterWindows[0][0], rasterWindows[0][1], 'Input raster and postsynaptic spikes: start of learning')),
      writeSVG(ctx, 'raster-end.svg', rasterSVG(input, run.postSpikesS, PATTERN_S, rasterWindows[1][0], rasterWindows[1][1], 'Input raster and postsynaptic spikes: end of learning')),
      writeSVG(
        ctx,
        'learning-curve.svg',
        lineChart({
          title: 'Hit rate and false alarms per tenth of the run',
          xLabel: 'time (s)',
          yLabel: 'hit rate (%) / false alarms (1/s)',
          series: [
            { name: 'hit rate (%)', x: mid, y: score.stats.map((s) => s.hitRate * 100), style: 'both' },
            { name: 'false alarms / s', x: mid, y: score.stats.map((s) => s.falseAlarmPerS), style: 'both' },
          ],
        }),
      ),
      writeSVG(
        ctx,
        'latency.svg',
        lineChart({
          title: 'Latency from pattern onset to the postsynaptic spike',
          xLabel: 'pattern onset (s)',
          yLabel: 'latency (ms)',
          series: [{ name: 'hits', x: input.onsetsS, y: Array.from(score.latency, (l) => l * 1000), style: 'points' }],
          yDomain: [0, PATTERN_S * 1000],
        }),
      ),
      writeSVG(
        ctx,
        'weights.svg',
        lineChart({
          title: 'Mean normalised weight (device conductance) over learning',
          xLabel: 'time (s)',
          yLabel: 'weight',
          series: [
            { name: 'pattern afferents', x: snaps, y: wPat, style: 'both' },
            { name: 'noise-only afferents', x: snaps, y: wNoise, style: 'both' },
          ],
        }),
      ),
      writeSVG(
        ctx,
        'weights-final.svg',
        lineChart({
          title: 'Final weight of pattern afferents vs their first spike in the pattern',
          xLabel: 'first pattern spike after onset (ms)',
          yLabel: 'final weight',
          series: [{ name: 'pattern afferents', x: early.map((j) => input.firstPatternSpikeS[j] * 1000), y: early.map((j) => run.weights[last + j]), style: 'points' }],
        }),
      ),
      ...writeStdpWindow(ctx, win),
    ];
    ctx.progress.done();

    const end = score.stats[PARTS - 1];
    const withHits = score.stats.filter((s) => s.hits > 0);
    const latFirst = withHits.length > 0 ? withHits[0].meanLatencyS : NaN;
    const latLast = withHits.length > 0 ? withHits[withHits.length - 1].meanLatencyS : NaN;
    const r2 = (x: number): number => Number(x.toFixed(2));
    const metrics = [
      figure('hit rate, last tenth of the run', '%', r2(end.hitRate * 100)),
      figure('false alarms, last tenth of the run', '1/s', r2(end.falseAlarmPerS)),
      figure('latency to the pattern, first / last tenth with hits', 'ms', `${r2(latFirst * 1000)} / ${r2(latLast * 1000)}`),
      figure('hit rate, first tenth of the run', '%', r2(score.stats[0].hitRate * 100)),
      figure('device facilitation after one potentiating event (w = 0.5)', '', r2(facilitation.initialWeight)),
      figure('threshold adaptation per postsynaptic spike', 'EPSP', r2(adaptationV / epspMaxV)),
      ...(control
        ? [
            figure('control without volatile conductance: hit rate, last tenth', '%', r2(control.hitRate * 100)),
            figure('control without volatile conductance: false alarms, last tenth', '1/s', r2(control.falseAlarmPerS)),
          ]
        : []),
      figure('mean weight, pattern / noise-only afferents at the end', '', r2(wPat[wPat.length - 1] / wNoise[wNoise.length - 1])),
      figure('device-native STDP: lasting change at dt = +10 ms minus no-overlap sum', 'pS', r2((win.table.get(55, 2) - win.preAloneS - win.postAloneS) * 1e12)),
      figure('device-native STDP: lasting change at dt = -10 ms minus no-overlap sum', 'pS', r2((win.table.get(45, 2) - win.preAloneS - win.postAloneS) * 1e12)),
    ];
    return finishScenario(ctx, patternLearning, metrics, figures, {
      deviceOverrides: overrides,
      notes: [
        `${n} afferents at ${num(p, 'rateHz')} Hz, ${input.onsetsS.length} pattern presentations in ${durationS} s, ${run.postSpikesS.length} postsynaptic spikes.`,
        `Weights are device conductances: w = (G - ${syn.cal.gMinS.toExponential(3)} S) / (${syn.cal.gMaxS.toExponential(3)} - ${syn.cal.gMinS.toExponential(3)} S); one ${num(p, 'potentiationV')} V pulse adds ${syn.cal.potStep.toExponential(3)} (lasting), one ${num(p, 'depressionV')} V pulse removes ${syn.cal.depStep.toExponential(3)} at w = 0.5.`,
        `Programming pulses applied: ${run.potPulses} potentiating, ${run.depPulses} depressing (at most 1000 per synapse and event; programming takes no time on the network clock); pulse counts are ${p.programming === 'open-loop' ? 'open-loop (step at w = 0.5)' : 'state-aware (lasting step of one pulse predicted from the present device state)'}.`,
        'The weight the neuron sees includes the volatile part of the device conductance: potentiation pulses also raise it transiently (short-term facilitation).',
        `Facilitation measured on the device: a request of ${num(p, 'aPlus')} at w = 0.5 (${facilitation.pulses} pulses) adds ${facilitation.initialWeight.toFixed(3)} at once, falling to 1/e in ${(facilitation.decayS * 1000).toFixed(0)} ms; one spike's potentiation (${(n * rateHz * T_LTP_S).toFixed(0)} afferents in the window) thus adds ${facilitationEpsp.toFixed(2)} EPSPs to the mean drive. Threshold adaptation: +${(adaptationV / epspMaxV).toFixed(2)} EPSP per spike (${num(p, 'adaptation')} of it), decaying in ${(adaptationTauS * 1000).toFixed(0)} ms; the control run uses the same neuron.`,
        `spikes.csv: input spikes of the first and last second (neuron = afferent; kind 0 noise-only, 1 pattern afferent) and every postsynaptic spike (neuron = ${n}, kind 2). weights.csv: ${snaps.length} snapshots of every synapse.`,
        keepVolatile
          ? 'Control metrics: the same input and rule on synapses whose volatile components add no conductance (device override fast.weightS = medium.weightS = fastHigh.weightS = 0).'
          : 'This run uses the control device: the volatile components add no conductance.',
        'stdp-window.csv: device-native STDP window (spike waveforms across the device) from -100 to +100 ms, computed from the present device preset.',
      ],
    });
  },
};
