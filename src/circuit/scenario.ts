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
import { finishScenario, writeTable } from '../harness/output.ts';
import { networkRun } from '../harness/estimate.ts';
import type { Figure, Scenario, WorkEstimate } from '../harness/types.ts';
import { circuitFigures, sensitisedTime } from './figures.ts';
import type { LoadedCircuit } from './load.ts';
import { applyStimulation, type StimulationLog } from './stimulation.ts';

/** Upper-side estimate: stimulus edges, periodic checks, probe samples and up to 200 Hz of spikes per neuron through every synapse. */
export function estimateNetwork(d: NetworkDescription): WorkEstimate {
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
  return networkRun(cells, 4096, events, rows + cells * d.durationS * 20, 3);
}

export interface CircuitRun {
  readonly net: Network;
  readonly rec: SpikeRecorder;
}

/** Builds and runs the circuit's network in `slices` steps (progress between them); `prepare` runs on it before it starts. */
export function runCircuitNetwork(d: NetworkDescription, onSlice: (fraction: number) => void = () => {}, slices = 20, prepare: (net: Network) => void = () => {}): CircuitRun {
  const net = new Network(d);
  const rec = new SpikeRecorder();
  net.attach(rec);
  prepare(net);
  for (let s = 1; s <= slices; s++) {
    net.run((d.durationS * s) / slices);
    onSlice(s / slices);
  }
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
    estimate: () => estimateNetwork(d),
    async run(ctx) {
      ctx.progress.start(lc.name);
      const log = stimulation?.log.stimulations ?? [];
      const { net, rec } = runCircuitNetwork(d, (f) => ctx.progress.update(f), 20, (n) => log.forEach((s) => applyStimulation(n, c, s)));
      ctx.progress.done();
      const out = c.outputs ?? {};
      writeTable(ctx.outDir, 'spikes.csv', rec.spikesTable());
      if (out.states !== false) writeTable(ctx.outDir, 'states.csv', rec.stateChanges);
      writeTable(ctx.outDir, 'probes.csv', rec.samples);
      const figures = circuitFigures(ctx.outDir, lc.name, c, net, rec);
      const metrics: Figure[] = [];
      const phases = c.protocol?.phases ?? [];
      for (const p of net.populations) {
        let all = 0;
        const per = phases.map(() => 0);
        for (let k = 0; k < rec.count; k++) {
          const g = rec.neurons[k];
          if (g < p.offset || g >= p.offset + p.size) continue;
          all++;
          const t = rec.times[k];
          phases.forEach((ph, j) => {
            if (t >= ph.startS && t <= ph.endS) per[j]++;
          });
        }
        metrics.push(figure(`spikes of "${p.name}"`, 'spikes', all));
        phases.forEach((ph, j) => metrics.push(figure(`spikes of "${p.name}" during "${ph.name}" (${ph.startS}-${ph.endS} s)`, 'spikes', per[j])));
        const pd = d.populations.find((q) => q.name === p.name)!;
        if (pd.grid && rec.stateChanges.rows > 0) {
          const sens = sensitisedTime(rec.stateChanges, p.offset, p.size, d.durationS);
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
          `spikes.csv neuron = global index (population offsets: ${net.populations.map((p) => `${p.name} ${p.offset}`).join(', ')}); probes.csv probe = channel, one per (probe, neuron or synapse) in file order.`,
        ],
      });
    },
  };
  return sc;
}
