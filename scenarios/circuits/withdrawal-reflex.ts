/**
 * Withdrawal reflex with memristive nociceptors, on the network layer:
 * nociceptors -> spinal interneurons (LIF) -> motor neuron (LIF), the
 * polysynaptic flexor-withdrawal arc (C. S. Sherrington, "Flexion-reflex of
 * the limb, crossed extension-reflex, and reflex stepping and standing",
 * J. Physiol. 40:28, 1910). A noxious test stimulus is given to the pristine
 * skin, then an injuring noxious pulse, a rest, and the same test stimulus
 * again. Expected: the sensitised nociceptors (hyperalgesia: more device
 * current, hence a higher firing rate from the first instant) drive the
 * interneurons to threshold sooner, so the reflex latency (test onset to the
 * first motor spike) is shorter after injury.
 */
import { NOXIOUS_REST_S } from '../../src/devices/experiments.ts';
import { article } from '../../src/devices/targets.ts';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { liveWithThreshold } from '../../src/network/index.ts';
import { circuitNetwork, writeCircuitTables } from './shared.ts';
import { SENSITISATION_STATES } from '../../src/neurons/nociceptor-state.ts';
import { barChart } from '../../src/report/bars.ts';
import { raster } from '../../src/report/raster.ts';
import { figure } from '../../src/harness/metrics.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { networkRun } from '../../src/harness/estimate.ts';


export interface ReflexTiming {
  readonly test1S: number;
  readonly injuryS: number;
  readonly injuryEndS: number;
  readonly test2S: number;
  readonly testWidthS: number;
  readonly durationS: number;
}

export function reflexTiming(params: Params): ReflexTiming {
  const testWidthS = num(params, 'testWidthS');
  const test1S = 1;
  const injuryS = test1S + testWidthS + 1;
  const injuryEndS = injuryS + num(params, 'injuryWidthS');
  const test2S = injuryEndS + num(params, 'restS');
  return { test1S, injuryS, injuryEndS, test2S, testWidthS, durationS: test2S + testWidthS + 0.5 };
}

/** circuits/withdrawal-reflex.json with the scenario's parameters (the file holds the defaults). */
export function reflexNetwork(params: Params, seed: number): NetworkDescription {
  const t = reflexTiming(params);
  const v = num(params, 'testV');
  const mV = 1e-3;
  return circuitNetwork('withdrawal-reflex', [
    ['durationS', t.durationS],
    ['seed', seed],
    ['populations.nociceptors.size', num(params, 'nociceptors')],
    ['populations.interneurons.size', num(params, 'interneurons')],
    ['projections.noci->inter.synapse.weight', num(params, 'wNImV') * mV],
    ['projections.noci->inter.delayS', num(params, 'afferentDelayMS') * 1e-3],
    ['projections.inter->motor.synapse.weight', num(params, 'wIMmV') * mV],
    [
      'stimuli.test-injury-test.waveform.points',
      [[t.test1S, v], [t.test1S + t.testWidthS, 0], [t.injuryS, num(params, 'injuryV')], [t.injuryEndS, 0], [t.test2S, v], [t.test2S + t.testWidthS, 0]],
    ],
    [
      'protocol.phases',
      [
        { name: 'test before', startS: t.test1S, endS: t.test1S + t.testWidthS },
        { name: 'injury', startS: t.injuryS, endS: t.injuryEndS },
        { name: 'test after', startS: t.test2S, endS: t.test2S + t.testWidthS },
      ],
    ],
  ]);
}

/** First spike of global neuron g in [fromS, toS] minus fromS; Infinity if none. */
function latency(rec: SpikeRecorder, g: number, fromS: number, toS: number): number {
  for (let k = 0; k < rec.count; k++) if (rec.neurons[k] === g && rec.times[k] >= fromS && rec.times[k] <= toS) return rec.times[k] - fromS;
  return Infinity;
}

export interface ReflexResult {
  readonly net: Network;
  readonly rec: SpikeRecorder;
  readonly beforeS: number;
  readonly afterS: number;
  readonly firstAfferentBeforeS: number;
  readonly firstAfferentAfterS: number;
}

export function runReflex(params: Params, seed: number): ReflexResult {
  const net = new Network(reflexNetwork(params, seed));
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  const t = reflexTiming(params);
  const motor = net.population('motor').offset;
  const noci = net.population('nociceptors');
  const firstAfferent = (from: number): number => {
    let best = Infinity;
    for (let i = 0; i < noci.size; i++) best = Math.min(best, latency(rec, noci.offset + i, from, from + t.testWidthS));
    return best;
  };
  return {
    net,
    rec,
    beforeS: latency(rec, motor, t.test1S, t.test1S + t.testWidthS + 0.5),
    afterS: latency(rec, motor, t.test2S, t.test2S + t.testWidthS + 0.5),
    firstAfferentBeforeS: firstAfferent(t.test1S),
    firstAfferentAfterS: firstAfferent(t.test2S),
  };
}

export const withdrawalReflex: Scenario = {
  name: 'withdrawal-reflex',
  experiment: 'circuit',
  figure: '',
  title: 'Withdrawal reflex: nociceptors -> interneurons -> motor neuron; faster after injury',
  group: 'circuit',
  params: [
    { key: 'nociceptors', type: 'integer', default: 8, min: 1, max: 1000, description: 'memristive nociceptors' },
    { key: 'interneurons', type: 'integer', default: 2, min: 1, max: 1000, description: 'spinal interneurons (LIF)' },
    { key: 'testV', type: 'number', default: 5, unit: 'V', min: 0.5, max: 12, description: 'moderately noxious test stimulus (below the 7 V injury, where sensitisation shows most)' },
    { key: 'testWidthS', type: 'number', default: 0.5, unit: 's', min: 0.01, max: 10, description: 'test stimulus duration' },
    { key: 'injuryV', type: 'number', default: article.noxiousV, unit: 'V', min: 0, max: 12, description: 'injuring pulse amplitude' },
    { key: 'injuryWidthS', type: 'number', default: 2, unit: 's', min: 0.01, max: 30, description: 'injuring pulse width' },
    { key: 'restS', type: 'number', default: NOXIOUS_REST_S, unit: 's', min: 0, max: 600, description: 'rest between injury and the second test' },
    { key: 'wNImV', type: 'number', default: 3, unit: 'mV', min: 0, max: 20, description: 'nociceptor -> interneuron weight' },
    { key: 'wIMmV', type: 'number', default: 16, unit: 'mV', min: 0, max: 40, description: 'interneuron -> motor neuron weight' },
    { key: 'afferentDelayMS', type: 'number', default: 10, unit: 'ms', min: 0, max: 500, description: 'afferent conduction delay' },
  ],
  estimate: (p) => {
    const cells = num(p, 'nociceptors') + num(p, 'interneurons') + 1;
    const windowS = 3 * num(p, 'testWidthS') + num(p, 'injuryWidthS') + num(p, 'restS') + 10;
    const steps = windowS * 200;
    return networkRun(cells, 4096, cells * steps, cells * steps * 0.05 + 1e4, 4);
  },
  async run(ctx) {
    ctx.progress.start('withdrawal-reflex');
    const r = runReflex(ctx.params, ctx.seed);
    ctx.progress.done();
    const t = reflexTiming(ctx.params);
    writeCircuitTables(ctx, r.rec);
    writeTable(ctx, 'probes.csv', r.rec.samples);
    const ms = (x: number): number => (Number.isFinite(x) ? Number((x * 1000).toFixed(3)) : x);
    const figures = [
      writeSVG(
        ctx,
        'withdrawal-reflex-latency.svg',
        barChart({
          title: 'Reflex latency: test onset to first motor spike',
          categories: ['before injury', 'after injury'],
          yLabel: 'latency (ms)',
          series: [
            { name: 'motor neuron', values: [ms(r.beforeS), ms(r.afterS)], color: '#1f77b4' },
            { name: 'first nociceptor spike', values: [ms(r.firstAfferentBeforeS), ms(r.firstAfferentAfterS)], color: '#d62728' },
          ],
        }),
      ),
      writeSVG(
        ctx,
        'withdrawal-reflex-raster.svg',
        raster({
          title: 'Withdrawal reflex spikes',
          timesS: r.rec.times,
          neurons: r.rec.neurons,
          rows: r.net.neuronCount,
          height: 300,
          xDomain: [0, t.durationS],
          groups: r.net.populations.map((p, k) => ({ name: p.name, first: p.offset, count: p.size, color: ['#d62728', '#2ca02c', '#1f77b4'][k] })),
          spans: [
            { from: t.test1S, to: t.test1S + t.testWidthS, label: 'test (pristine)', color: '#ffe0b0' },
            { from: t.injuryS, to: t.injuryEndS, label: 'injury', color: '#ffb0b0' },
            { from: t.test2S, to: t.test2S + t.testWidthS, label: 'test (injured)', color: '#ffe0b0' },
          ],
        }),
      ),
    ];
    const metrics = [
      figure('reflex latency before injury', 'ms', ms(r.beforeS)),
      figure('reflex latency after injury', 'ms', ms(r.afterS)),
      figure('reflex latency after injury minus before', 'ms', ms(r.afterS - r.beforeS)),
      figure('first nociceptor spike before injury', 'ms', ms(r.firstAfferentBeforeS)),
      figure('first nociceptor spike after injury', 'ms', ms(r.firstAfferentAfterS)),
    ];
    return finishScenario(ctx, withdrawalReflex, metrics, figures, {
      notes: [
        `Test stimuli at ${t.test1S} s and ${t.test2S} s (${t.testWidthS} s); injury ${t.injuryS}-${t.injuryEndS} s. Neuron order: nociceptors, interneurons, motor.`,
        `states.csv codes: ${SENSITISATION_STATES.map((s, i) => `${i} = ${s}`).join(', ')}; probes.csv: nociceptor 0's device current.`,
      ],
    });
  },
  live(params, seed) {
    return liveWithThreshold(new Network(reflexNetwork(params, seed)), article.painThresholdA);
  },
};
