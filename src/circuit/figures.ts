/**
 * Figures of a circuit run: a raster of every population (protocol phases
 * shaded), probe traces (one chart per probed variable), and per grid
 * population a map of spikes per receptor and, when its model reports
 * states, a sensitisation map (time each receptor spent sensitised).
 */
import type { Network, SpikeRecorder } from '../network/index.ts';
import type { ColumnTable } from '../record/table.ts';
import { writeSVG, type OutputTarget } from '../harness/output.ts';
import { heatmap } from '../report/heatmap.ts';
import { raster } from '../report/raster.ts';
import { lineChart } from '../report/svg.ts';
import type { Circuit } from './schema.ts';

const COLORS = ['#d62728', '#2ca02c', '#1f77b4', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const PHASE_COLORS = ['#ff9896', '#c7e9c0', '#c6dbef', '#fdd0a2', '#dadaeb'];

/** Seconds each neuron of [first, first + count) spent in a state other than normal (code 0) up to endS. */
export function sensitisedTime(changes: ColumnTable, first: number, count: number, endS: number): Float64Array {
  const since = new Float64Array(count).fill(NaN);
  const total = new Float64Array(count);
  for (let r = 0; r < changes.rows; r++) {
    const g = changes.get(r, 1) - first;
    if (g < 0 || g >= count) continue;
    const t = changes.get(r, 0);
    const to = changes.get(r, 3);
    if (to !== 0 && Number.isNaN(since[g])) since[g] = t;
    else if (to === 0 && !Number.isNaN(since[g])) {
      total[g] += t - since[g];
      since[g] = NaN;
    }
  }
  for (let g = 0; g < count; g++) if (!Number.isNaN(since[g])) total[g] += endS - since[g];
  return total;
}

/** What the figures read: a recorder, or the bounded data kept while its rows were streamed to files. */
export type CircuitFigureData = Pick<SpikeRecorder, 'times' | 'neurons' | 'countsIn' | 'probe' | 'stateChanges'>;

function spikesPerNeuron(rec: CircuitFigureData, first: number, count: number): Float64Array {
  return Float64Array.from(rec.countsIn(first, first + count));
}

export function circuitFigures(to: OutputTarget, name: string, c: Circuit, net: Network, rec: CircuitFigureData): string[] {
  const out = c.outputs ?? {};
  const files: string[] = [];
  const rows = net.populations.reduce((n, p) => n + p.size, 0);
  if (out.raster !== false) {
    files.push(
      writeSVG(
        to,
        `${name}-raster.svg`,
        raster({
          title: `${name}: spikes (rows: populations in file order)`,
          timesS: rec.times,
          neurons: rec.neurons,
          rows,
          xDomain: [0, c.durationS],
          groups: net.populations.map((p, k) => ({ name: p.name, first: p.offset, count: p.size, color: COLORS[k % COLORS.length] })),
          spans: (c.protocol?.phases ?? []).map((ph, k) => ({ from: ph.startS, to: ph.endS, label: ph.name, color: ph.color ?? PHASE_COLORS[k % PHASE_COLORS.length] })),
        }),
      ),
    );
  }
  if (out.traces !== false && (c.probes ?? []).length > 0) {
    // Channels in description order: one per (probe, neuron or synapse); one chart per probe.
    let channel = 0;
    (c.probes ?? []).forEach((pb, k) => {
      if (pb.kind === 'pulses') return; // per-pulse tables have no sample channels
      const members = pb.kind === 'synapse' ? pb.synapses : pb.neurons;
      const owner = pb.kind === 'synapse' ? pb.projection : pb.population;
      const series = members.map((m) => {
        const [x, y] = rec.probe(channel++);
        return { name: `${owner}[${m}]`, x, y };
      });
      files.push(writeSVG(to, `${name}-probe-${k}.svg`, lineChart({ title: `${owner}: ${pb.variable}`, xLabel: 'time (s)', yLabel: pb.variable, series })));
    });
  }
  if (out.maps !== false) {
    for (const p of net.populations) {
      if (!p.grid) continue;
      const { width, height } = p.grid;
      files.push(writeSVG(to, `${name}-${p.name}-spike-map.svg`, heatmap({ title: `${p.name}: spikes per receptor`, width, height, values: spikesPerNeuron(rec, p.offset, p.size), colorLabel: 'spikes' })));
      if (rec.stateChanges.rows > 0) {
        const sens = sensitisedTime(rec.stateChanges, p.offset, p.size, c.durationS);
        files.push(
          writeSVG(to, `${name}-${p.name}-sensitisation-map.svg`, heatmap({ title: `${p.name}: time sensitised (allodynia, hyperalgesia or recovery)`, width, height, values: sens, colorLabel: 'time (s)', palette: 'heat' })),
        );
      }
    }
  }
  return files;
}
