/**
 * Gate control of pain (R. Melzack & P. D. Wall, "Pain mechanisms: a new
 * theory", Science 150:971, 1965) with memristive nociceptors, on the
 * network layer.
 *
 * Populations: C (memristive nociceptors, C/A-delta afferents) under a 7 V
 * noxious stimulus; Abeta (touch afferents, LIF driven by a constant current
 * while the skin is rubbed); SG (inhibitory interneurons of the substantia
 * gelatinosa, LIF); T (the projection, "transmission", neuron, LIF).
 * Wiring as in the gate-control diagram: C excites T and inhibits SG (opens
 * the gate); Abeta excites T weakly and SG strongly (closes the gate); SG
 * inhibits T. Expected effect: touch reduces T's response to the painful
 * stimulus ("rubbing the sore spot"). Three runs with the same seed: pain
 * alone, pain with touch, touch alone; T spikes are counted while the
 * noxious stimulus is on.
 */
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


export type GateCondition = 'pain' | 'pain+touch' | 'touch';
export const CONDITIONS: readonly GateCondition[] = ['pain', 'pain+touch', 'touch'];

export interface GateTiming {
  readonly painStartS: number;
  readonly painEndS: number;
  readonly touchStartS: number;
  readonly touchEndS: number;
  readonly durationS: number;
}

export function gateTiming(params: Params): GateTiming {
  const painStartS = 1;
  const painEndS = painStartS + num(params, 'painS');
  return { painStartS, painEndS, touchStartS: painStartS - 0.5, touchEndS: painEndS + 0.5, durationS: painEndS + 1 };
}

/** circuits/gate-control.json with the scenario's parameters; the condition keeps the stimuli named "pain" and/or "touch". */
export function gateNetwork(params: Params, seed: number, condition: GateCondition): NetworkDescription {
  const t = gateTiming(params);
  const mV = 1e-3;
  const pain = condition !== 'touch';
  const touch = condition !== 'pain';
  return circuitNetwork(
    'gate-control',
    [
      ['durationS', t.durationS],
      ['seed', seed],
      ['populations.C.size', num(params, 'nociceptors')],
      ['populations.Abeta.size', num(params, 'touchAfferents')],
      ['populations.SG.size', num(params, 'interneurons')],
      ['projections.C->T.synapse.weight', num(params, 'wCTmV') * mV],
      ['projections.C-|SG.synapse.weight', -num(params, 'wCSGmV') * mV],
      ['projections.Abeta->T.synapse.weight', num(params, 'wATmV') * mV],
      ['projections.Abeta->SG.synapse.weight', num(params, 'wASGmV') * mV],
      ['projections.SG-|T.synapse.weight', -num(params, 'wSGTmV') * mV],
      ['stimuli.pain.waveform.points', [[t.painStartS, num(params, 'noxiousV')], [t.painEndS, 0]]],
      ['stimuli.touch.waveform.points', [[t.touchStartS, num(params, 'touchCurrentNA') * 1e-9], [t.touchEndS, 0]]],
      ['protocol.phases', [{ name: 'touch', startS: t.touchStartS, endS: t.touchEndS }, { name: 'pain', startS: t.painStartS, endS: t.painEndS }]],
    ],
    { stimulus: (name) => (name === 'pain' ? pain : name === 'touch' ? touch : true) },
  );
}

export interface GateResult {
  readonly rec: SpikeRecorder;
  readonly net: Network;
  /** T spikes while the noxious stimulus is on. */
  readonly tSpikes: number;
}

export function runGate(params: Params, seed: number, condition: GateCondition): GateResult {
  const net = new Network(gateNetwork(params, seed, condition));
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  const t = gateTiming(params);
  const T = net.population('T').offset;
  let tSpikes = 0;
  for (let k = 0; k < rec.count; k++) if (rec.neurons[k] === T && rec.times[k] >= t.painStartS && rec.times[k] <= t.painEndS) tSpikes++;
  return { rec, net, tSpikes };
}

export const gateControl: Scenario = {
  name: 'gate-control',
  experiment: 'circuit',
  figure: '',
  title: 'Gate control: touch (A-beta) reduces the projection neuron response to a noxious stimulus',
  group: 'circuit',
  params: [
    { key: 'nociceptors', type: 'integer', default: 8, min: 1, max: 1000, description: 'memristive nociceptors (C / A-delta afferents)' },
    { key: 'touchAfferents', type: 'integer', default: 8, min: 1, max: 1000, description: 'touch afferents (A-beta, LIF)' },
    { key: 'interneurons', type: 'integer', default: 4, min: 1, max: 1000, description: 'inhibitory interneurons (SG, LIF)' },
    { key: 'noxiousV', type: 'number', default: article.noxiousV, unit: 'V', min: 0.5, max: 12, description: 'noxious stimulus on the nociceptors' },
    { key: 'painS', type: 'number', default: 2, unit: 's', min: 0.05, max: 60, description: 'duration of the noxious stimulus' },
    { key: 'touchCurrentNA', type: 'number', default: 0.3, unit: 'nA', min: 0, max: 10, description: 'drive of the touch afferents while touched' },
    { key: 'wCTmV', type: 'number', default: 0.5, unit: 'mV', min: 0, max: 20, description: 'C -> T excitatory weight' },
    { key: 'wCSGmV', type: 'number', default: 0.1, unit: 'mV', min: 0, max: 20, description: 'C -| SG inhibitory weight (magnitude)' },
    { key: 'wATmV', type: 'number', default: 0.3, unit: 'mV', min: 0, max: 20, description: 'A-beta -> T excitatory weight' },
    { key: 'wASGmV', type: 'number', default: 2.5, unit: 'mV', min: 0, max: 20, description: 'A-beta -> SG excitatory weight' },
    { key: 'wSGTmV', type: 'number', default: 4, unit: 'mV', min: 0, max: 30, description: 'SG -| T inhibitory weight (magnitude)' },
  ],
  estimate: (p) => {
    const cells = num(p, 'nociceptors') + num(p, 'touchAfferents') + num(p, 'interneurons') + 1;
    const steps = (num(p, 'painS') + 2) / 0.25 + (num(p, 'painS') + 2) * 200;
    return networkRun(cells, 4096, cells * steps, cells * steps * 0.05 + 1e4, 4);
  },
  async run(ctx) {
    ctx.progress.start('gate-control');
    const results = CONDITIONS.map((c, i) => {
      const r = runGate(ctx.params, ctx.seed, c);
      ctx.progress.update((i + 1) / CONDITIONS.length);
      return r;
    });
    ctx.progress.done();
    const [pain, both, touch] = results;
    const t = gateTiming(ctx.params);
    writeCircuitTables(ctx, both.rec);
    writeTable(ctx, 'spikes-pain-only.csv', pain.rec.spikesTable());
    writeTable(ctx, 'spikes-touch-only.csv', touch.rec.spikesTable());
    const reductionPct = pain.tSpikes > 0 ? (1 - both.tSpikes / pain.tSpikes) * 100 : NaN;
    const painS = t.painEndS - t.painStartS;
    const figures = [
      writeSVG(
        ctx,
        'gate-control-bars.svg',
        barChart({
          title: 'Projection neuron T during the noxious stimulus',
          categories: ['pain', 'pain + touch', 'touch'],
          yLabel: 'T firing rate (Hz)',
          series: [{ name: 'T rate', values: results.map((r) => r.tSpikes / painS), color: '#d62728' }],
        }),
      ),
      ...results.map((r, i) =>
        writeSVG(
          ctx,
          `gate-control-raster-${['pain', 'pain-touch', 'touch'][i]}.svg`,
          raster({
            title: `Gate control, ${CONDITIONS[i]}`,
            timesS: r.rec.times,
            neurons: r.rec.neurons,
            rows: r.net.neuronCount,
            height: 320,
            xDomain: [0, t.durationS],
            groups: r.net.populations.map((p, k) => ({ name: p.name, first: p.offset, count: p.size, color: ['#d62728', '#2ca02c', '#1f77b4', '#000000'][k] })),
            spans: [
              ...(CONDITIONS[i] !== 'touch' ? [{ from: t.painStartS, to: t.painEndS, label: 'noxious', color: '#ffd8d8' }] : []),
              ...(CONDITIONS[i] !== 'pain' ? [{ from: t.touchStartS, to: t.touchEndS, label: 'touch', color: '#e0f0e0' }] : []),
            ],
          }),
        ),
      ),
    ];
    const metrics = [
      figure('T spikes, pain alone', 'spikes', pain.tSpikes),
      figure('T spikes, pain with touch', 'spikes', both.tSpikes),
      figure('T spikes, touch alone', 'spikes', touch.tSpikes),
      figure('reduction of the T response by touch', '%', Number(reductionPct.toFixed(2))),
    ];
    return finishScenario(ctx, gateControl, metrics, figures, {
      notes: [
        `Noxious stimulus ${t.painStartS}-${t.painEndS} s; touch ${t.touchStartS}-${t.touchEndS} s. spikes.csv: pain with touch; spikes-pain-only.csv, spikes-touch-only.csv: the other runs. Neuron index order: C, Abeta, SG, T.`,
        `states.csv (pain with touch): nociceptor state codes ${SENSITISATION_STATES.map((s, i) => `${i} = ${s}`).join(', ')}.`,
      ],
    });
  },
  live(params, seed) {
    return liveWithThreshold(new Network(gateNetwork(params, seed, 'pain+touch')), article.painThresholdA);
  },
};
