/**
 * A sweep's points: the axes combined (grid or zip) in the order written,
 * each with every seed, each keyed by a hash of what determines its result:
 * the target's content, the full parameter set, the seed, quick mode and the
 * memspike version. Equal keys mean equal results, so a finished key is
 * never run again (resume), whichever sweep file or machine produced it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scenarios } from '../../scenarios/index.ts';
import { defaults } from '../harness/params.ts';
import type { ParamValue } from '../harness/types.ts';
import { SweepFileError } from './spec.ts';
import type { PointJob, SweepPoint, SweepSpec, SweepTarget } from './types.ts';

let cachedVersion: string | null = null;

/** memspike's version (package.json beside src/, in the source tree and in the package). */
export function memspikeVersion(): string {
  if (cachedVersion === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}

/** Canonical JSON: object keys sorted, so equal values hash equally. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function targetIdentity(t: SweepTarget): unknown {
  // A circuit is identified by its content, not by where its file lies.
  return t.kind === 'scenario' ? { scenario: t.name } : { circuit: createHash('sha256').update(t.content).digest('hex') };
}

export function pointKey(target: SweepTarget, params: Readonly<Record<string, ParamValue>>, seed: number, quick: boolean, version: string): string {
  const id = canonical({ target: targetIdentity(target), params, seed, quick, version });
  return createHash('sha256').update(id).digest('hex').slice(0, 20);
}

/** Axis value combinations in the sweep's order (first axis slowest). */
function combinations(spec: SweepSpec): Record<string, ParamValue>[] {
  if (spec.axes.length === 0) return [{}];
  if (spec.combine === 'zip') return spec.axes[0].values.map((_, i) => Object.fromEntries(spec.axes.map((a) => [a.key, a.values[i]])));
  let out: Record<string, ParamValue>[] = [{}];
  for (const a of spec.axes) out = out.flatMap((c) => a.values.map((v) => ({ ...c, [a.key]: v })));
  return out;
}

export function expandPoints(spec: SweepSpec, version = memspikeVersion()): SweepPoint[] {
  const scenario = scenarios.find((s) => spec.target.kind === 'scenario' && s.name === spec.target.name);
  const base = scenario ? defaults(scenario.params) : {};
  const points: SweepPoint[] = [];
  const seen = new Map<string, number>();
  for (const axisValues of combinations(spec)) {
    const params = { ...base, ...spec.set, ...axisValues };
    for (const seed of spec.seeds) {
      const key = pointKey(spec.target, params, seed, spec.quick, version);
      const prev = seen.get(key);
      if (prev !== undefined) throw new SweepFileError(`sweep file "${spec.file}": $.axes: points ${prev} and ${points.length} are the same run (same parameters and seed)`);
      seen.set(key, points.length);
      points.push({ key, index: points.length, axisValues, params, seed });
    }
  }
  return points;
}

export function jobOf(spec: SweepSpec, p: SweepPoint, version = memspikeVersion(), keepDir?: string): PointJob {
  return { key: p.key, version, target: spec.target, params: p.params, seed: p.seed, quick: spec.quick, outputs: spec.outputs.points, ...(keepDir ? { keepDir } : {}) };
}
