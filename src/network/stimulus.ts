/**
 * External drive compiled for the runtime: each stimulus is one
 * piecewise-constant waveform (edge times and levels) applied, times a
 * per-neuron scale, to a set of neurons of one population. The level is 0
 * before the first edge and the last level holds after it. Where several
 * stimuli cover a neuron their contributions add.
 */
import { pulseTrain } from '../protocols/waveform.ts';
import type { StimulusDesc, WaveformDesc } from './description.ts';

export interface CompiledStimulus {
  readonly population: number;
  readonly edgeTimesS: Float64Array;
  readonly levels: Float64Array;
  readonly neurons: Int32Array;
  readonly scales: Float64Array;
  /** The pulses the waveform declares (per-pulse probes): start, width, level. */
  readonly pulseStartS: Float64Array;
  readonly pulseWidthS: Float64Array;
  readonly pulseLevel: Float64Array;
}

type CompiledWaveform = Pick<CompiledStimulus, 'edgeTimesS' | 'levels' | 'pulseStartS' | 'pulseWidthS' | 'pulseLevel'>;
const NONE = new Float64Array(0);

export function compileWaveform(w: WaveformDesc): CompiledWaveform {
  switch (w.kind) {
    case 'constant':
      return { edgeTimesS: Float64Array.of(w.startS ?? 0), levels: Float64Array.of(w.value), pulseStartS: NONE, pulseWidthS: NONE, pulseLevel: NONE };
    case 'points': {
      const pulses = w.pulses ?? [];
      return {
        edgeTimesS: Float64Array.from(w.points, (p) => p[0]),
        levels: Float64Array.from(w.points, (p) => p[1]),
        pulseStartS: Float64Array.from(pulses, (p) => p.tStartS),
        pulseWidthS: Float64Array.from(pulses, (p) => p.widthS),
        pulseLevel: Float64Array.from(pulses, (p) => p.level),
      };
    }
    case 'pulse-train': {
      const { kind: _kind, ...spec } = w;
      const wf = pulseTrain(spec);
      return {
        edgeTimesS: wf.edgeTimesS,
        levels: wf.levelsV,
        pulseStartS: Float64Array.from(wf.pulses, (p) => p.tStartS),
        pulseWidthS: Float64Array.from(wf.pulses, (p) => p.widthS),
        pulseLevel: Float64Array.from(wf.pulses, (p) => p.vV),
      };
    }
  }
}

export function compileStimuli(
  stimuli: readonly StimulusDesc[],
  popIndex: (name: string) => number,
  popSize: (p: number) => number,
  popGrid: (p: number) => { width: number; height: number } | undefined,
): CompiledStimulus[] {
  const out: CompiledStimulus[] = [];
  for (const st of stimuli) {
    const p = popIndex(st.population);
    const n = popSize(p);
    switch (st.kind) {
      case 'uniform': {
        const neurons = Int32Array.from({ length: n }, (_, i) => i);
        out.push({ population: p, ...compileWaveform(st.waveform), neurons, scales: new Float64Array(n).fill(st.scale ?? 1) });
        break;
      }
      case 'neurons':
        out.push({
          population: p,
          ...compileWaveform(st.waveform),
          neurons: Int32Array.from(st.neurons),
          scales: new Float64Array(st.neurons.length).fill(st.scale ?? 1),
        });
        break;
      case 'per-neuron':
        st.waveforms.forEach((wf, i) => {
          out.push({ population: p, ...compileWaveform(wf), neurons: Int32Array.of(i), scales: Float64Array.of(1) });
        });
        break;
      case 'spot': {
        const grid = popGrid(p)!;
        const gaussian = st.profile === 'gaussian';
        const reach = gaussian ? 3 * st.radius : st.radius;
        const idx: number[] = [];
        const sc: number[] = [];
        for (let y = 0; y < grid.height; y++) {
          for (let x = 0; x < grid.width; x++) {
            const d2 = (x - st.cx) ** 2 + (y - st.cy) ** 2;
            if (d2 > reach * reach) continue;
            idx.push(y * grid.width + x);
            const g = gaussian ? (st.radius > 0 ? Math.exp(-d2 / (2 * st.radius * st.radius)) : 1) : 1;
            sc.push((st.scale ?? 1) * g);
          }
        }
        out.push({ population: p, ...compileWaveform(st.waveform), neurons: Int32Array.from(idx), scales: Float64Array.from(sc) });
        break;
      }
    }
  }
  return out;
}
