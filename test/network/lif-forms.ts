/** Shared by the LIF-block tests: the generic V-form path to compare with, and a run's raster. */
import { Network, SpikeRecorder, type NetworkDescription } from '../../src/network/index.ts';
import { expect } from 'vitest';
import { lifDefaults, lifModel } from '../../src/neurons/lif.ts';
import { neuronModels } from '../../src/neurons/registry.ts';
import type { CompiledNeurons, NeuronModel } from '../../src/neurons/types.ts';

/** The same LIF without the lifBlock capability: the network runs it through the generic V-form path, one kernel event per crossing. */
export const vForm: NeuronModel<typeof lifDefaults> = {
  name: 'lif_vform',
  description: 'test model',
  stateLayout: lifModel.stateLayout,
  compile: (params, size) => Object.assign(Object.create(lifModel.compile(params, size)) as CompiledNeurons, { lifBlock: undefined }),
};

export function raster(desc: NetworkDescription): SpikeRecorder {
  const net = new Network(desc);
  const rec = new SpikeRecorder();
  net.attach(rec);
  net.run();
  return rec;
}

/**
 * Runs desc('lif') (the LIF block) and desc('lif_vform') (the generic path)
 * and expects the same neurons spiking in the same order at times within
 * 1e-12 s, with more than minSpikes spikes.
 */
export function expectBlockMatchesVForm(desc: (model: string) => NetworkDescription, minSpikes: number): void {
  neuronModels.lif_vform = { model: vForm, defaults: lifDefaults };
  try {
    const fast = raster(desc('lif'));
    const ref = raster(desc('lif_vform'));
    expect(ref.count).toBeGreaterThan(minSpikes);
    expect(fast.count).toBe(ref.count);
    expect(Array.from(fast.neurons)).toEqual(Array.from(ref.neurons));
    let worst = 0;
    for (let k = 0; k < ref.count; k++) worst = Math.max(worst, Math.abs(fast.times[k] - ref.times[k]));
    expect(worst).toBeLessThan(1e-12);
  } finally {
    delete neuronModels.lif_vform;
  }
}

/**
 * Expects desc run in slices of 3 events (budgets refuse the kernel claims:
 * crossings and deliveries then go through events) to spike exactly as in
 * one run, with more than minSpikes spikes.
 */
export function expectSlicesMatchOneRun(desc: NetworkDescription, minSpikes: number): void {
  const trains = (slice: number): { t: number[]; g: number[] } => {
    const net = new Network(desc);
    const t: number[] = [];
    const g: number[] = [];
    net.attach({ spike: (ts: number, gs: number) => (t.push(ts), g.push(gs)), sample() {}, stateChange() {} } as never);
    while (net.run(desc.durationS, slice) === 'budget');
    return { t, g };
  };
  const whole = trains(Infinity);
  expect(whole.t.length).toBeGreaterThan(minSpikes);
  const sliced = trains(3);
  expect(sliced.t).toEqual(whole.t);
  expect(sliced.g).toEqual(whole.g);
}
