/**
 * Central sensitisation and secondary allodynia. A skin patch of afferents
 * projects onto a dorsal-horn layer through memristor synapses with
 * overlapping receptive fields (radius rfRadius). An injury drives the
 * afferents of a small spot hard for a while and leaves them with ongoing
 * low-rate discharge (circuits/central-sensitisation.json). Every spike
 * pulses its synapse's device, so the injured spot's synapses potentiate
 * (the device's own facilitation, src/synapses/memristor.ts). A dorsal-horn
 * neuron whose field holds the spot then sits closer to threshold, and a
 * touch elsewhere in its field, on receptors that were never injured (the
 * afferents are LIF: they do not sensitise), makes it fire: touch is painful
 * in a ring around the injury (secondary allodynia; Treede et al., Prog.
 * Neurobiol. 38:397, 1992; ongoing input maintaining it: Gracely et al.,
 * Pain 51:175, 1992). Before the injury the same touches are innocuous.
 *
 * Read-out: the dorsal-horn neuron under each test touch ("pain at this
 * place"); a touch is painful when it evokes >= 2 spikes more than the same
 * time just before it. The ring: touches all of whose receptors lie outside
 * the injured spot (distance - touch radius > spotRadius). Its size is the
 * farthest painful such touch; its time course, round by round.
 * Control (`potentiation: false`): every memristor synapse replaced by the
 * static weight of its pristine device's first pulse.
 */
import { centralCircuit, CENTRAL_DEFAULTS, touchDistances, touchStartS, withoutPotentiation, type CentralParams } from './central-sensitisation-circuit.ts';
import { circuitFile } from './shared.ts';
import { prepareCircuit, readCircuitJson } from '../../src/circuit/load.ts';
import { circuitFigures } from '../../src/circuit/figures.ts';
import { estimateNetwork, runCircuitNetwork } from '../../src/circuit/scenario.ts';
import { MemristorSynapses } from '../../src/synapses/memristor.ts';
import { figure } from '../../src/harness/metrics.ts';
import { finishScenario, writeSVG, writeTable } from '../../src/harness/output.ts';
import { num } from '../../src/harness/params.ts';
import type { Params, Scenario } from '../../src/harness/types.ts';
import { lineChart } from '../../src/report/svg.ts';
import { ColumnTable } from '../../src/record/table.ts';
import type { Circuit } from '../../src/circuit/schema.ts';

const TOUCH_RADIUS = 1;
const PAINFUL_SPIKES = 2;

export function centralParams(p: Params): CentralParams {
  return { ...CENTRAL_DEFAULTS, size: num(p, 'size'), rfRadius: num(p, 'rfRadius'), spotRadius: num(p, 'spotRadius'), gain: num(p, 'gain'), roundsS: CENTRAL_DEFAULTS.roundsS.slice(0, num(p, 'rounds') + 1) };
}

/** The circuit file with the scenario's parameters: the size-dependent parts regenerated (the file is centralCircuit at the defaults). */
export function centralNetworkCircuit(cp: CentralParams, seed: number, potentiation = true): { circuit: Circuit; network: ReturnType<typeof prepareCircuit>['network'] } {
  const gen = centralCircuit({ ...cp, seed });
  const sets = (['durationS', 'seed', 'populations', 'projections', 'stimuli', 'probes', 'protocol'] as const).map((k) => [k, gen[k]] as const);
  const file = circuitFile('central-sensitisation');
  let raw = readCircuitJson(file) as Record<string, unknown>;
  if (!potentiation) {
    for (const [k, v] of sets) raw = { ...raw, [k]: v };
    const m = new MemristorSynapses(1, { amplitudeV: cp.synapseV, widthS: cp.synapseWidthS, gain: cp.gain });
    m.applyPulse(0, cp.synapseV, cp.synapseWidthS, 0);
    const lc = prepareCircuit(withoutPotentiation(raw, m.lastChargeC), 'circuits/central-sensitisation.json');
    return { circuit: lc.circuit, network: lc.network };
  }
  const lc = prepareCircuit(raw, 'circuits/central-sensitisation.json', { sets });
  return { circuit: lc.circuit, network: lc.network };
}

export interface CentralResult {
  /** evoked[r][k]: spikes of the dorsal-horn neuron under touch k in round r, minus those just before it. */
  readonly evoked: number[][];
  readonly distances: number[];
  /** Farthest painful touch outside the injury per round (receptors from the centre; 0: none). */
  readonly ringOuter: number[];
  /** Painful touches outside the injury per round. */
  readonly ringTouches: number[];
  readonly circuit: Circuit;
  readonly run: ReturnType<typeof runCircuitNetwork>;
}

export function runCentral(cp: CentralParams, seed: number, potentiation = true): CentralResult {
  const { circuit, network } = centralNetworkCircuit(cp, seed, potentiation);
  const run = runCircuitNetwork(network);
  const dh = run.net.population('dorsal-horn');
  const c = Math.floor(cp.size / 2);
  const distances = touchDistances(cp);
  const evoked = cp.roundsS.map((_, r) =>
    distances.map((d, k) => {
      const g = dh.offset + c * cp.size + c + d;
      const t1 = touchStartS(cp, r, k);
      let on = 0;
      let before = 0;
      for (let i = 0; i < run.rec.count; i++) {
        if (run.rec.neurons[i] !== g) continue;
        const t = run.rec.times[i];
        if (t >= t1 && t < t1 + cp.touchS) on++;
        else if (t >= t1 - cp.gapS && t < t1) before++;
      }
      return on - (before * cp.touchS) / cp.gapS;
    }),
  );
  const outside = (d: number) => d - TOUCH_RADIUS > cp.spotRadius;
  const painful = (r: number, k: number) => evoked[r][k] >= PAINFUL_SPIKES && evoked[0][k] < PAINFUL_SPIKES;
  const ringOuter = evoked.map((_, r) => Math.max(0, ...distances.filter((d, k) => outside(d) && painful(r, k))));
  const ringTouches = evoked.map((_, r) => distances.filter((d, k) => outside(d) && painful(r, k)).length);
  return { evoked, distances, ringOuter, ringTouches, circuit, run };
}

export const centralSensitisation: Scenario = {
  name: 'central-sensitisation',
  experiment: 'circuit',
  figure: '',
  title: 'Central sensitisation: potentiated memristor synapses make touch painful in a ring around an injury (secondary allodynia)',
  group: 'circuit',
  params: [
    { key: 'size', type: 'integer', default: CENTRAL_DEFAULTS.size, min: 7, max: 101, description: 'receptors across the (square) skin patch and dorsal-horn layer' },
    { key: 'rfRadius', type: 'number', default: CENTRAL_DEFAULTS.rfRadius, unit: 'receptors', min: 1, max: 20, description: 'receptive field radius of a dorsal-horn neuron' },
    { key: 'spotRadius', type: 'number', default: CENTRAL_DEFAULTS.spotRadius, unit: 'receptors', min: 0.5, max: 20, description: 'radius of the injured spot' },
    { key: 'gain', type: 'number', default: CENTRAL_DEFAULTS.gain, unit: 'V/C', min: 0, max: 1e9, description: 'postsynaptic input per coulomb of device charge' },
    { key: 'rounds', type: 'integer', default: CENTRAL_DEFAULTS.roundsS.length - 1, min: 1, max: CENTRAL_DEFAULTS.roundsS.length - 1, description: 'test rounds after the injury' },
  ],
  estimate: (p) => estimateNetwork(centralNetworkCircuit(centralParams(p), 1).network),
  async run(ctx) {
    const cp = centralParams(ctx.params);
    ctx.progress.start('central-sensitisation');
    const res = runCentral(cp, ctx.seed);
    ctx.progress.update(0.6);
    const ctl = runCentral(cp, ctx.seed, false);
    ctx.progress.done();
    const { rec, net } = res.run;
    writeTable(ctx, 'spikes.csv', rec.spikesTable());
    writeTable(ctx, 'probes.csv', rec.samples);
    const table = new ColumnTable(['round', 'round_start_s', 'distance', 'evoked_spikes', 'evoked_spikes_static'], res.evoked.length * res.distances.length);
    res.evoked.forEach((row, r) =>
      row.forEach((e, k) => {
        const i = table.addRow();
        [r, cp.roundsS[r], res.distances[k], e, ctl.evoked[r][k]].forEach((v, j) => table.set(i, j, v));
      }),
    );
    writeTable(ctx, 'touch-responses.csv', table);
    const injuryEndS = cp.injuryStartS + cp.injuryS;
    const after = cp.roundsS.slice(1).map((t) => t - injuryEndS);
    const figures = [
      ...circuitFigures(ctx, 'central-sensitisation', res.circuit, net, rec),
      writeSVG(ctx, 'central-sensitisation-touch-responses.svg', lineChart({
        title: 'Touch-evoked dorsal-horn spikes vs distance from the injury centre',
        xLabel: 'distance of the touch (receptors)',
        yLabel: 'evoked spikes',
        series: res.evoked.map((row, r) => ({ name: r === 0 ? 'before injury' : `${after[r - 1]} s after`, x: res.distances, y: row })),
        hLines: [{ y: PAINFUL_SPIKES, label: 'painful' }],
      })),
      writeSVG(ctx, 'central-sensitisation-ring.svg', lineChart({
        title: 'Secondary allodynia: farthest painful touch outside the injury',
        xLabel: 'time after the injury (s)',
        yLabel: 'distance (receptors)',
        series: [
          { name: 'memristor synapses', x: after, y: res.ringOuter.slice(1) },
          { name: 'static synapses', x: after, y: ctl.ringOuter.slice(1) },
        ],
        hLines: [{ y: cp.spotRadius, label: 'injured spot' }],
      })),
    ];
    const metrics = [
      figure('touches painful before the injury', 'touches', res.evoked[0].filter((e) => e >= PAINFUL_SPIKES).length),
      ...after.flatMap((s, j) => [
        figure(`secondary allodynia reaches, ${s} s after the injury`, 'receptors from the centre', res.ringOuter[j + 1]),
        figure(`painful touches outside the injured spot, ${s} s after the injury`, 'touches', res.ringTouches[j + 1]),
        figure(`same, static synapses (no potentiation), ${s} s after`, 'touches', ctl.ringTouches[j + 1]),
      ]),
    ];
    return finishScenario(ctx, centralSensitisation, metrics, figures, {
      notes: [
        `Skin and dorsal horn ${cp.size} x ${cp.size}; receptive fields of radius ${cp.rfRadius}; injured spot radius ${cp.spotRadius} at the centre, driven ${cp.injuryStartS}-${injuryEndS} s, ongoing discharge after.`,
        `Test touches (radius ${TOUCH_RADIUS}, ${cp.touchS} s each) at distances ${res.distances.join(', ')} along x, rounds at ${cp.roundsS.join(', ')} s; outside the injury: distance > ${cp.spotRadius + TOUCH_RADIUS}.`,
        `Painful: >= ${PAINFUL_SPIKES} spikes of the dorsal-horn neuron under the touch beyond those just before it. touch-responses.csv holds every touch, with the static-synapse control.`,
      ],
    });
  },
};
