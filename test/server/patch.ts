/** A small skin patch for the live stimulation tests: circuits/skin-patch.json on an 8 x 8 grid, no injury, a short touch train. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../helpers/cli.ts';

export function smallPatch(over: { durationS?: number; touchStartS?: number; extra?: boolean } = {}): Record<string, unknown> {
  const c = JSON.parse(readFileSync(join(REPO, 'circuits/skin-patch.json'), 'utf8')) as Record<string, any>;
  delete c.$schema;
  c.name = 'small-patch';
  c.durationS = over.durationS ?? 6;
  c.seed = 5;
  c.populations[0].size = 64;
  c.populations[0].grid = { width: 8, height: 8 };
  // No injury; touch is a named stimulus the amplitude slider can scale.
  c.stimuli = c.stimuli.filter((s: { name: string }) => s.name === 'touch');
  c.stimuli[0].waveform = { ...c.stimuli[0].waveform, count: 3, startS: over.touchStartS ?? 3 };
  c.probes = [{ kind: 'neuron', population: 'skin', neurons: [18, 63], variable: 'i_A', intervalS: 0.05 }];
  c.protocol = { phases: [{ name: 'touch', startS: over.touchStartS ?? 3, endS: (over.touchStartS ?? 3) + 3 }] };
  // A population without a grid (stimulations refuse it).
  if (over.extra) c.populations.push({ name: 'relay', model: 'lif', size: 2 });
  return c;
}

/** Receptors of an 8-wide grid within radius r of (cx, cy). */
export function inSpot(cx: number, cy: number, r: number): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i < 64; i++) if (((i % 8) - cx) ** 2 + (Math.floor(i / 8) - cy) ** 2 <= r * r) s.add(i);
  return s;
}
