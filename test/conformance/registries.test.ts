/**
 * Conformance of every registry entry (neuron models, synapse kinds, device
 * presets, learning rules): the declared state layout is what the state holds
 * and can be recorded; reset (init) restores the initial state; advancing in
 * one piece equals advancing in many; the same seed gives identical outputs.
 */
import { describe, expect, it } from 'vitest';
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { compileDeviceFor, devicePresetNames } from '../../src/network/devices.ts';
import { neuronModels } from '../../src/neurons/registry.ts';
import { rules } from '../../src/plasticity/registry.ts';
import { synapseKinds } from '../../src/synapses/registry.ts';
import { DEVICE_VOLTAGES, NEURON_DRIVE, SYNAPSE_FIXTURE } from './fixtures.ts';

const REL = 1e-9;

function closeArrays(a: ArrayLike<number>, b: ArrayLike<number>, rel = REL): void {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    const scale = Math.max(Math.abs(a[k]), Math.abs(b[k]), 1e-300);
    expect(Math.abs(a[k] - b[k]) / scale, `component ${k}: ${a[k]} vs ${b[k]}`).toBeLessThanOrEqual(rel);
  }
}

function neuronNet(model: string, seed: number): NetworkDescription {
  const layout = neuronModels[model].model.stateLayout;
  return {
    durationS: 0.4,
    seed,
    populations: [{ name: 'P', model, size: 4 }],
    stimuli: [{ kind: 'uniform', population: 'P', waveform: { kind: 'points', points: [[0.05, NEURON_DRIVE[model]], [0.3, 0]] } }],
    probes: layout.map((v) => ({ kind: 'neuron' as const, population: 'P', neurons: [0, 3], variable: v.name, intervalS: 0.05 })),
  };
}

function run(desc: NetworkDescription): SpikeRecorder {
  const net = new Network(desc);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return rec;
}

describe('neuron models', () => {
  for (const name of Object.keys(neuronModels)) {
    describe(name, () => {
      const entry = neuronModels[name];
      it('has a conformance fixture', () => expect(NEURON_DRIVE[name], `add a drive for "${name}" to test/conformance/fixtures.ts`).toBeTypeOf('number'));

      it('declares its state layout: stride values, each recordable by a probe', () => {
        const m = entry.model.compile(entry.defaults, 2);
        expect(m.stride).toBe(m.stateLayout.length);
        expect(m.stateLayout.map((v) => v.name)).toEqual(entry.model.stateLayout.map((v) => v.name));
        const rec = run(neuronNet(name, 1));
        expect(rec.samples.rows).toBe(m.stateLayout.length * 2 * 9);
        for (let r = 0; r < rec.samples.rows; r++) expect(Number.isFinite(rec.samples.get(r, 2))).toBe(true);
      });

      it('reset (init) restores the initial state after driving and firing', () => {
        const m = entry.model.compile(entry.defaults, 1);
        const s0 = new Float64Array(m.stride);
        m.init(s0, 0);
        const s = new Float64Array(m.stride);
        m.init(s, 0);
        m.setDrive(s, 0, NEURON_DRIVE[name]);
        m.advance(s, 0, 0.05);
        m.fire(s, 0);
        m.advance(s, 0, 0.01);
        m.init(s, 0);
        expect(Array.from(s)).toEqual(Array.from(s0));
      });

      it('advancing in one piece equals advancing in many', () => {
        const m = entry.model.compile(entry.defaults, 1);
        const one = new Float64Array(m.stride);
        m.init(one, 0);
        m.setDrive(one, 0, NEURON_DRIVE[name]);
        const many = Float64Array.from(one);
        // Short enough that no model reaches its threshold (advance is free evolution).
        const T = 1e-3;
        m.advance(one, 0, T);
        for (let k = 0; k < 10; k++) m.advance(many, 0, T / 10);
        closeArrays(many, one, 1e-8);
      });

      it('same seed, identical outputs', () => {
        const desc = { ...neuronNet(name, 7), populations: [{ name: 'P', model: name, size: 4, initial: { [entry.model.stateLayout[0].name]: { uniform: [0, 1e-3] as [number, number] } } }] };
        const [a, b] = [run(desc), run(desc)];
        expect(Array.from(a.times)).toEqual(Array.from(b.times));
        expect(Array.from(a.samples.column('value'))).toEqual(Array.from(b.samples.column('value')));
      });
    });
  }
});

describe('synapse kinds', () => {
  for (const kind of Object.keys(synapseKinds)) {
    const desc = (seed: number): NetworkDescription => ({
      durationS: 0.3,
      seed,
      populations: [
        { name: 'A', model: 'lif', size: 5, initial: { V: { uniform: [-0.06, -0.05] } } },
        { name: 'B', model: 'lif', size: 5 },
      ],
      projections: [{ name: 'AB', from: 'A', to: 'B', connectivity: { kind: 'fixed-probability', p: 0.5 }, synapse: SYNAPSE_FIXTURE[kind], delayS: 0.001 }],
      stimuli: [{ kind: 'uniform', population: 'A', waveform: { kind: 'constant', value: 3e-10 } }],
    });
    it(`${kind}: has a fixture, builds, and the same seed gives identical spikes`, () => {
      expect(SYNAPSE_FIXTURE[kind], `add a fixture for "${kind}" to test/conformance/fixtures.ts`).toBeDefined();
      const [a, b] = [run(desc(3)), run(desc(3))];
      expect(a.count).toBeGreaterThan(0);
      expect(Array.from(a.times)).toEqual(Array.from(b.times));
      expect(Array.from(a.neurons)).toEqual(Array.from(b.neurons));
    });
  }
});

describe('device presets', () => {
  for (const name of devicePresetNames()) {
    describe(name, () => {
      it('declares its state layout; init writes the declared initial values, and reset restores them', () => {
        const d = compileDeviceFor(name);
        expect(d.stride).toBe(d.stateLayout.length);
        const s = new Float64Array(d.stride);
        d.init(s, 0);
        expect(Array.from(s)).toEqual(d.stateLayout.map((v) => v.initial));
        d.advance(s, 0, 7, 0.5);
        d.init(s, 0);
        expect(Array.from(s)).toEqual(d.stateLayout.map((v) => v.initial));
      });

      it('advancing in one piece equals advancing in many, at every test voltage', () => {
        const d = compileDeviceFor(name);
        for (const v of DEVICE_VOLTAGES) {
          const one = new Float64Array(d.stride);
          d.init(one, 0);
          d.advance(one, 0, 7, 0.2);
          const many = Float64Array.from(one);
          d.advance(one, 0, v, 0.8);
          for (let k = 0; k < 8; k++) d.advance(many, 0, v, 0.1);
          closeArrays(many, one);
          expect(d.current(many, 0, v) === d.current(one, 0, v) || Math.abs(d.current(many, 0, v) / d.current(one, 0, v) - 1) < REL).toBe(true);
        }
      });

      it('a seed draws one varied device, the same every time; another seed another device', () => {
        const g = (seed: number): number => {
          const d = compileDeviceFor(name, undefined, 0.05, seed);
          const s = new Float64Array(d.stride);
          d.init(s, 0);
          return d.conductance(s, 0);
        };
        expect(g(11)).toBe(g(11));
        expect(g(11)).not.toBe(g(12));
      });
    });
  }
});

describe('learning rules', () => {
  for (const name of Object.keys(rules)) {
    describe(name, () => {
      const rule = rules[name].compile({});
      it('declares its trace layouts and starts from their initial values', () => {
        for (const v of [...rule.preLayout, ...rule.postLayout, ...rule.synapseLayout]) expect(Number.isFinite(v.initial)).toBe(true);
      });

      it('decaying in one piece equals decaying in many', () => {
        for (const [layout, decay] of [
          [rule.preLayout, (a: Float64Array, dt: number) => rule.decayPre(a, 0, dt)],
          [rule.postLayout, (a: Float64Array, dt: number) => rule.decayPost(a, 0, dt)],
        ] as const) {
          const one = Float64Array.from(layout, () => 0);
          const dummy = new Float64Array(Math.max(1, rule.synapseLayout.length));
          if (layout === rule.preLayout) rule.bumpPre(one, 0);
          else rule.bumpPost(one, 0);
          void dummy;
          const many = Float64Array.from(one);
          decay(one, 0.04);
          for (let k = 0; k < 8; k++) decay(many, 0.005);
          closeArrays(many, one);
        }
      });

      it('is deterministic: the same spike pairing gives the same weight change', () => {
        const change = (): number => {
          const pre = Float64Array.from(rule.preLayout, (v) => v.initial);
          const post = Float64Array.from(rule.postLayout, (v) => v.initial);
          const syn = Float64Array.from(rule.synapseLayout, (v) => v.initial);
          let dw = rule.onPre(pre, 0, post, 0, syn, 0, 0.5);
          rule.bumpPre(pre, 0);
          rule.decayPre(pre, 0, 0.01);
          rule.decayPost(post, 0, 0.01);
          dw += rule.onPost(pre, 0, post, 0, syn, 0, 0.5);
          rule.bumpPost(post, 0);
          return dw;
        };
        const a = change();
        expect(a).toBe(change());
        expect(a).not.toBe(0);
      });
    });
  }
});
