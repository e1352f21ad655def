/**
 * Circuit (validated by schema.ts) -> NetworkDescription. The circuit-only
 * parts compile to the network's own kinds: a sweep to points with pulses, a
 * graded spot to per-neuron waveforms, receptive-field connectivity to pairs;
 * stimulus names, protocol and outputs stay with the circuit.
 */
import type { ConnectivityDesc, NetworkDescription, PopulationDesc, ProjectionDesc, StimulusDesc, WaveformDesc } from '../network/description.ts';
import type { Circuit, CircuitStimulus, CircuitWaveform } from './schema.ts';

type Projection = NonNullable<Circuit['projections']>[number];

export function compileWaveform(w: CircuitWaveform): WaveformDesc {
  if (w.kind !== 'sweep') return w as WaveformDesc;
  const start = w.startS ?? 0;
  const period = w.widthS + w.intervalS;
  const points: Array<[number, number]> = [];
  const pulses: Array<{ tStartS: number; widthS: number; level: number }> = [];
  for (let k = 0; k < w.steps; k++) {
    const v = w.steps === 1 ? w.fromV : w.fromV + ((w.toV - w.fromV) * k) / (w.steps - 1);
    const t0 = start + k * period;
    points.push([t0, v], [t0 + w.widthS, 0]);
    pulses.push({ tStartS: t0, widthS: w.widthS, level: v });
  }
  return { kind: 'points', points, pulses };
}

function gridOf(c: Circuit, name: string): { width: number; height: number } | undefined {
  return c.populations.find((p) => p.name === name)?.grid;
}

function compileStimulus(c: Circuit, s: CircuitStimulus): StimulusDesc {
  switch (s.kind) {
    case 'graded-spot': {
      const g = gridOf(c, s.population);
      if (!g) throw new Error(`a graded spot needs a population with a grid; "${s.population}" has none`);
      const wMin = Math.min(s.widthS, s.rimWidthS);
      const wMax = s.widthS;
      const waveforms: WaveformDesc[] = Array.from({ length: g.width * g.height }, (_, i) => {
        const d = Math.hypot((i % g.width) - s.cx, Math.floor(i / g.width) - s.cy);
        if (d > s.radius) return { kind: 'constant', value: 0 };
        const width = wMin + (wMax - wMin) * (1 - d / s.radius);
        return { kind: 'points', points: [[s.startS, s.amplitudeV], [s.startS + width, 0]] };
      });
      return { kind: 'per-neuron', population: s.population, waveforms };
    }
    case 'per-neuron':
      return { kind: 'per-neuron', population: s.population, waveforms: s.waveforms.map(compileWaveform) };
    default: {
      const { name: _name, ...rest } = s;
      return { ...rest, waveform: compileWaveform(s.waveform) } as StimulusDesc;
    }
  }
}

/**
 * Receptive fields: target (tx, ty) of its own grid sits at source point
 * (ox + tx * stride, oy + ty * stride), the target lattice centred on the
 * source grid; it pools every source receptor within `radius` of that point.
 * Pairs in (pre, post) order.
 */
export function receptiveFieldPairs(src: { width: number; height: number }, dst: { width: number; height: number }, radius: number, stride = 1): Array<[number, number]> {
  const ox = (src.width - 1 - (dst.width - 1) * stride) / 2;
  const oy = (src.height - 1 - (dst.height - 1) * stride) / 2;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < src.width * src.height; i++) {
    const x = i % src.width;
    const y = Math.floor(i / src.width);
    for (let j = 0; j < dst.width * dst.height; j++) {
      const cx = ox + (j % dst.width) * stride;
      const cy = oy + Math.floor(j / dst.width) * stride;
      if (Math.hypot(x - cx, y - cy) <= radius) pairs.push([i, j]);
    }
  }
  return pairs;
}

function compileProjection(c: Circuit, p: Projection, k: number): ProjectionDesc {
  let connectivity = p.connectivity as ConnectivityDesc | { kind: 'receptive-field'; radius: number; stride?: number };
  if (connectivity.kind === 'receptive-field') {
    const src = gridOf(c, p.from);
    const dst = gridOf(c, p.to);
    if (!src || !dst) throw new Error(`projections.${k}.connectivity: receptive fields need grids on both "${p.from}" and "${p.to}"`);
    connectivity = { kind: 'pairs', pairs: receptiveFieldPairs(src, dst, connectivity.radius, connectivity.stride) };
  }
  return { ...p, connectivity } as ProjectionDesc;
}

export interface CompileOptions {
  /** Keep only the stimuli whose name passes (unnamed ones are always kept). */
  readonly stimulus?: (name: string) => boolean;
}

export function compileCircuit(c: Circuit, opts: CompileOptions = {}): NetworkDescription {
  const keep = opts.stimulus ?? (() => true);
  const stimuli = (c.stimuli ?? []).filter((s) => s.name === undefined || keep(s.name)).map((s) => compileStimulus(c, s));
  const desc: { -readonly [K in keyof NetworkDescription]: NetworkDescription[K] } = {
    durationS: c.durationS,
    seed: c.seed,
    populations: c.populations as PopulationDesc[],
  };
  if (c.projections) desc.projections = c.projections.map((p, k) => compileProjection(c, p, k));
  if (c.stimuli) desc.stimuli = stimuli;
  if (c.probes) desc.probes = c.probes;
  return desc;
}
