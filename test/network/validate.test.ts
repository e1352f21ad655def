import { describe, expect, it } from 'vitest';
import { validateNetwork, type NetworkDescription } from '../../src/network/index.ts';

const base: NetworkDescription = {
  durationS: 0.1,
  seed: 1,
  populations: [
    { name: 'A', model: 'lif', size: 4 },
    { name: 'B', model: 'lif', size: 3, grid: { width: 3, height: 1 } },
  ],
  projections: [{ from: 'A', to: 'B', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: 1e-3 }, delayS: 1e-3 }],
};

function withProj(patch: Record<string, unknown>): NetworkDescription {
  return { ...base, projections: [{ ...base.projections![0], ...patch } as never] };
}

describe('validateNetwork', () => {
  it('accepts a well-formed description', () => {
    expect(() => validateNetwork(base)).not.toThrow();
  });

  const cases: Array<[string, NetworkDescription, RegExp]> = [
    ['unknown population', withProj({ to: 'C' }), /projections\[0\].*\.to: unknown population "C"/],
    ['unknown neuron model', { ...base, populations: [{ name: 'A', model: 'hh', size: 2 }] }, /populations\[0\] "A"\.model: unknown neuron model "hh"/],
    ['one-to-one size mismatch', withProj({ connectivity: { kind: 'one-to-one' } }), /one-to-one needs equal sizes, got 4 \("A"\) and 3 \("B"\)/],
    ['negative delay', withProj({ delayS: -1e-3 }), /\.delayS: expected a number in \[0, Infinity\], got -0\.001/],
    ['probability above 1', withProj({ connectivity: { kind: 'fixed-probability', p: 1.5 } }), /connectivity\.p: expected a number in \[0, 1\], got 1\.5/],
    ['pair index out of range', withProj({ connectivity: { kind: 'pairs', pairs: [[0, 0], [1, 3]] } }), /pairs\[1\]\[1\] \(post, "B"\): expected a neuron index in 0\.\.2, got 3/],
    ['weights size mismatch', withProj({ connectivity: { kind: 'pairs', pairs: [[0, 0]] }, synapse: { kind: 'static', weight: [1, 2] } }), /synapse\.weight: expected 1 weights/],
    ['duplicate population', { ...base, populations: [base.populations[0], { ...base.populations[0] }] }, /populations\[1\] "A"\.name: duplicate population name "A"/],
    ['duplicate projection', { ...base, projections: [{ ...base.projections![0], name: 'ab' }, { ...base.projections![0], name: 'ab' }] }, /projections\[1\] "ab"\.name: duplicate projection name "ab"/],
    ['non-finite weight', withProj({ synapse: { kind: 'static', weight: NaN } }), /synapse\.weight: expected a finite number, got NaN/],
    ['non-finite duration', { ...base, durationS: Infinity }, /durationS: expected a finite number/],
    ['unknown model parameter', { ...base, populations: [{ name: 'A', model: 'lif', size: 4, params: { tau: 1 } }, base.populations[1]] }, /params\.tau: unknown parameter of model "lif"/],
    ['grid size mismatch', { ...base, populations: [base.populations[0], { name: 'B', model: 'lif', size: 3, grid: { width: 2, height: 2 } }] }, /grid: width \* height = 4 does not match size 3/],
    ['spot on a population without grid', { ...base, stimuli: [{ kind: 'spot', population: 'A', cx: 0, cy: 0, radius: 1, waveform: { kind: 'constant', value: 1 } }] }, /stimuli\[0\]\.population: a spot needs a population with a grid/],
    ['waveform times not ascending', { ...base, stimuli: [{ kind: 'uniform', population: 'A', waveform: { kind: 'points', points: [[0, 1], [0, 2]] } }] }, /stimuli\[0\]\.waveform\.points\[1\]\[0\]: times must be strictly ascending/],
    ['probe of unknown variable', { ...base, probes: [{ kind: 'neuron', population: 'A', neurons: [0], variable: 'u', intervalS: 1e-3 }] }, /probes\[0\]\.variable: unknown state variable "u"/],
    ['unknown synapse kind', withProj({ synapse: { kind: 'plastic' } }), /synapse\.kind: expected one of "static", "memristor", "memristor_read", got "plastic"/],
    ['memristor without width', withProj({ synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 0, gain: 1 } }), /synapse\.widthS: expected a number in/],
  ];
  for (const [what, desc, re] of cases) {
    it(`rejects: ${what}`, () => {
      expect(() => validateNetwork(desc)).toThrow(re);
    });
  }
});
