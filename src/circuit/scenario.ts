/**
 * A loaded circuit as a Scenario, so `memspike run ./my-circuit.json` gets
 * what every scenario gets from the runner (src/harness/runner.ts): the work
 * estimate checked against the budget before anything starts, a staging
 * folder renamed into place only when the run has finished, progress.
 * Outputs: spikes.csv, states.csv, probes.csv, figures (figures.ts) and
 * summary.json with figures only (a user's circuit states no article claims).
 */
import { Network, SpikeRecorder, type NetworkDescription } from '../network/index.ts';
import { neuronModels } from '../neurons/registry.ts';
import { figure } from '../harness/metrics.ts';
import { finishScenario } from '../harness/output.ts';
import { StreamedNetworkOutputs } from '../harness/stream-outputs.ts';
import { networkRun, streamedRows, tableBytes } from '../harness/estimate.ts';
import type { Figure, Scenario, WorkEstimate } from '../harness/types.ts';
import { circuitFigures, sensitisedTime } from './figures.ts';
import type { LoadedCircuit } from './load.ts';
import { applyStimulation, type StimulationLog } from './stimulation.ts';

/**
 * Upper-side estimate: stimulus edges, periodic checks, probe samples and up
 * to 200 Hz of spikes per neuron through every synapse. `streamed`: the
 * recorded rows go to files as the run goes (circuitScenario), so memory holds
 * the network, the state changes (a few per neuron) and per-neuron counts.
 */
export function estimateNetwork(d: NetworkDescription, streamed = false): WorkEstimate {
  let cells = 0;
  let events = 0;
  for (const p of d.populations) {
    cells += p.size;
    const check = Number((p.params as { checkIntervalS?: unknown } | undefined)?.checkIntervalS ?? (neuronModels[p.model]?.defaults as { checkIntervalS?: unknown })?.checkIntervalS);
    if (check > 0) events += (p.size * d.durationS) / check;
    events += p.size * d.durationS * 200;
  }
  const size = new Map(d.populations.map((p) => [p.name, p.size]));
  for (const pr of d.projections ?? []) {
    const c = pr.connectivity;
    const synapses = c.kind === 'pairs' ? c.pairs.length : c.kind === 'one-to-one' ? size.get(pr.from)! : size.get(pr.from)! * size.get(pr.to)! * (c.kind === 'fixed-probability' ? c.p : 1);
    events += (synapses * d.durationS * 200) / Math.max(1, size.get(pr.from)!);
  }
  for (const s of d.stimuli ?? []) {
    const wfs = s.kind === 'per-neuron' ? s.waveforms : [s.waveform];
    const n = s.kind === 'neurons' ? s.neurons.length : s.kind === 'per-neuron' ? 1 : size.get(s.population)!;
    for (const w of wfs) events += n * (w.kind === 'points' ? w.points.length : w.kind === 'pulse-train' ? 2 * w.count + 1 : 1);
  }
  let rows = 0;
  for (const pb of d.probes ?? []) rows += ((pb.kind === 'synapse' ? pb.synapses.length : pb.neurons.length) * d.durationS) / pb.intervalS;
  events += rows;
  if (streamed) {
    const e = streamedRows(events, rows + cells * d.durationS * 20, 3, cells * (4096 + tableBytes(16, 4)));
    return { ...e, outputBytes: e.outputBytes + cells * 128 };
  }
  return networkRun(cells, 4096, events, rows + cells * d.durationS * 20, 3);
}

export interface CircuitRun {
  readonly net: Network;
  readonly rec: SpikeRecorder;
}

/**
 * Builds and runs the circuit's network in `slices` steps (progress between
 * them), into `rec` (default: an in-memory recorder; flushed at the end);
 * `prepare` runs on the network before it starts (e.g. a stimulation log).
 */
export function runCircuitNetwork(
  d: NetworkDescription,
  onSlice: (fraction: number) => void = () => {},
  slices = 20,
  rec = new SpikeRecorder(),
  prepare: (net: Network) => void = () => {},
): CircuitRun {
  const net = new Network(d);
  net.attach(rec);
  prepare(net);
  for (let s = 1; s <= slices; s++) {
    net.run((d.durationS * s) / slices);
    onSlice(s / slices);
  }
  rec.flush();
  return { net, rec };
}

/** `sets`: the --set overrides applied (recorded in summary.json); `stimulation`: a log of stimulations added before the run (stimulation.ts). */
export function circuitScenario(lc: LoadedCircuit, sets: readonly string[] = [], stimulation: { file: string; log: StimulationLog } | null = null): Scenario {
  const { circuit: c, network: d } = lc;
  const sc: Scenario = {
    name: lc.name,
    experiment: 'circuit file',
    figure: '',
    title: c.description ?? `circuit ${lc.file}`,
    group: 'circuit',
    params: [],
    estimate: () => estimateNetwork(d, true),
    async run(ctx) {
      const log = stimulation?.log.stimulations ?? [];
      const out = c.outputs ?? {};
      const phases = c.protocol?.phases ?? [];
      const neurons = d.populations.reduce((n, p) => n + p.size, 0);
      // spikes.csv, states.csv and probes.csv are written as the run goes; counts, the raster and traces are kept bounded.
      const streamed = new StreamedNetworkOutputs(ctx, {
        neurons,
        durationS: d.durationS,
        windows: phases.map((ph) => ({ fromS: ph.startS, toS: ph.endS })),
        files: { states: out.states === false ? false : 'states.csv' },
      });
      let net: Network;
      try {
        ctx.progress.start(lc.name);
        net = runCircuitNetwork(d, (f) => ctx.progress.update(f), 20, streamed.rec, (n) => log.forEach((s) => applyStimulation(n, c, s))).net;
        streamed.finish();
      } finally {
        streamed.abort();
      }
      const figures = circuitFigures(ctx, lc.name, c, net, streamed.figureData());
      ctx.progress.done();
      const metrics: Figure[] = [];
      const { tally, states } = streamed;
      for (const p of net.populations) {
        const to = p.offset + p.size;
        metrics.push(figure(`spikes of "${p.name}"`, 'spikes', tally.sum(p.offset, to)));
        phases.forEach((ph, j) => metrics.push(figure(`spikes of "${p.name}" during "${ph.name}" (${ph.startS}-${ph.endS} s)`, 'spikes', tally.sumInWindow(j, p.offset, to))));
        const pd = d.populations.find((q) => q.name === p.name)!;
        if (pd.grid && states.rows > 0) {
          const sens = sensitisedTime(states, p.offset, p.size, d.durationS);
          let n = 0;
          for (const v of sens) if (v > 0) n++;
          metrics.push(figure(`receptors of "${p.name}" sensitised at some time`, 'receptors', n));
        }
      }
      return finishScenario(ctx, sc, metrics, figures, {
        notes: [
          ...(sets.length ? [`Overrides: ${sets.map((x) => `--set ${x}`).join(' ')}.`] : []),
          ...(stimulation ? [`Stimulations: ${log.length} from ${stimulation.file}, added before the run.`] : []),
          `Circuit file ${lc.file}; ${d.populations.map((p) => `${p.name}: ${p.size} x ${p.model}`).join(', ')}; ${d.durationS} s simulated.`,
          ...streamed.notes(),
          `spikes.csv neuron = global index (population offsets: ${net.populations.map((p) => `${p.name} ${p.offset}`).join(', ')}); probes.csv probe = channel, one per (probe, neuron or synapse) in file order.`,
        ],
      });
    },
  };
  return sc;
}
