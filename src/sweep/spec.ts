/**
 * The sweep file: parsed and checked field by field before any point runs.
 * Every error names the file and the JSON path of the field, and says what
 * was expected. Axis values are checked against the scenario's declared
 * parameters (type and range), so a bad value fails here, not in a worker.
 */
import { readFileSync } from 'node:fs';
import { scenarios } from '../../scenarios/index.ts';
import { parseParam } from '../harness/params.ts';
import type { ParamSpec, ParamValue, RunOutputs, Scenario } from '../harness/types.ts';
import type { Axis, ChartSpec, MetricColumn, SweepSpec, SweepTarget } from './types.ts';

export class SweepFileError extends Error {}

/** Largest number of (point, seed) pairs one sweep may hold. */
export const MAX_POINTS = 1_000_000;

const TOP_FIELDS = ['description', 'scenario', 'circuit', 'set', 'axes', 'combine', 'seeds', 'metrics', 'quick', 'outputs', 'charts'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function readSweepFile(file: string): SweepSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SweepFileError(`sweep file "${file}": cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseSweep(file, text);
}

export function parseSweep(file: string, text: string): SweepSpec {
  let raw: Json;
  try {
    raw = JSON.parse(text) as Json;
  } catch (err) {
    throw new SweepFileError(`sweep file "${file}": not valid JSON (${(err as Error).message})`);
  }
  const fail = (path: string, msg: string): never => {
    throw new SweepFileError(`sweep file "${file}": ${path}: ${msg}`);
  };
  if (!isObject(raw)) return fail('$', 'expected an object with "scenario", "axes", "seeds" and "metrics"');
  for (const k of Object.keys(raw)) if (!TOP_FIELDS.includes(k)) fail(`$.${k}`, `unknown field; known: ${TOP_FIELDS.join(', ')}`);

  const { target, scenario } = parseTarget(raw, fail);
  const specs = scenario.params;
  const paramValue = (path: string, key: string, v: Json): ParamValue => {
    const spec = specs.find((s) => s.key === key);
    if (!spec) return fail(path, `scenario "${scenario.name}" has no parameter "${key}"; known: ${specs.map((s) => s.key).join(', ')}`);
    if (v === null || typeof v === 'object') return fail(path, `expected a ${spec.type} value, got ${JSON.stringify(v)}`);
    try {
      return parseParam(spec, v, scenario.name);
    } catch (err) {
      return fail(path, (err as Error).message);
    }
  };

  const set: Record<string, ParamValue> = {};
  if (raw.set !== undefined) {
    if (!isObject(raw.set)) fail('$.set', 'expected an object of fixed parameter values, e.g. {"restS": 5}');
    for (const [k, v] of Object.entries(raw.set as Record<string, Json>)) set[k] = paramValue(`$.set.${k}`, k, v);
  }

  const axes: Axis[] = [];
  if (raw.axes !== undefined) {
    if (!isObject(raw.axes)) fail('$.axes', 'expected an object: parameter name -> list of values or {"from", "to", "count" | "step", "log"}');
    for (const [k, v] of Object.entries(raw.axes as Record<string, Json>)) {
      const path = `$.axes.${k}`;
      if (k in set) fail(path, `"${k}" is both fixed in $.set and swept`);
      const spec = specs.find((s) => s.key === k);
      if (!spec) fail(path, `scenario "${scenario.name}" has no parameter "${k}"; known: ${specs.map((s) => s.key).join(', ')}`);
      const values = axisValues(path, v, spec as ParamSpec, fail).map((x, i) => paramValue(`${path}[${i}]`, k, x));
      if (values.length === 0) fail(path, 'empty axis: give at least one value');
      if (new Set(values).size !== values.length) fail(path, 'repeated value: every value of an axis must differ');
      axes.push({ key: k, values });
    }
  }

  const combine = raw.combine ?? 'grid';
  if (combine !== 'grid' && combine !== 'zip') fail('$.combine', `expected "grid" (every combination) or "zip" (i-th values together), got ${JSON.stringify(combine)}`);
  if (combine === 'zip' && axes.length > 1) {
    const n = axes[0].values.length;
    for (const a of axes) if (a.values.length !== n) fail(`$.axes.${a.key}`, `zipped axes need equal lengths: "${axes[0].key}" has ${n} values, "${a.key}" has ${a.values.length}`);
  }

  const seeds = parseSeeds(raw.seeds, fail);
  const metrics = parseMetrics(raw.metrics, fail);
  const quick = raw.quick ?? false;
  if (typeof quick !== 'boolean') fail('$.quick', `expected true or false, got ${JSON.stringify(quick)}`);

  const outputs = parseOutputs(raw.outputs, fail);

  const points = (axes.length === 0 ? 1 : combine === 'zip' ? axes[0].values.length : axes.reduce((n, a) => n * a.values.length, 1)) * seeds.length;
  if (points > MAX_POINTS) fail('$', `${points} points (parameter points x seeds) exceed the limit of ${MAX_POINTS}; split the sweep`);
  const charts = parseCharts(raw.charts, metrics, fail);
  return { file, target, set, axes, combine: combine as 'grid' | 'zip', seeds, metrics, quick: quick as boolean, outputs, charts };
}

function parseCharts(v: Json | undefined, metrics: readonly MetricColumn[], fail: (p: string, m: string) => never): ChartSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return fail('$.charts', 'expected a list of {"title", "xLabel", "x": [numbers], "metrics": [columns]}');
  return v.map((c, i) => {
    const path = `$.charts[${i}]`;
    if (!isObject(c)) return fail(path, 'expected {"title", "xLabel", "x", "metrics"}');
    for (const k of Object.keys(c)) if (!['title', 'xLabel', 'yLabel', 'x', 'metrics'].includes(k)) fail(`${path}.${k}`, 'unknown field; known: title, xLabel, yLabel, x, metrics');
    for (const k of ['title', 'xLabel']) if (typeof c[k] !== 'string') fail(`${path}.${k}`, 'expected text');
    if (c.yLabel !== undefined && typeof c.yLabel !== 'string') fail(`${path}.yLabel`, 'expected text');
    const x = c.x;
    const cols = c.metrics;
    if (!Array.isArray(x) || x.length === 0 || !x.every((n) => typeof n === 'number' && Number.isFinite(n))) return fail(`${path}.x`, 'expected a non-empty list of numbers');
    if (!Array.isArray(cols) || cols.length !== x.length) return fail(`${path}.metrics`, `expected ${x.length} metric columns, one per x`);
    cols.forEach((m, j) => {
      if (typeof m !== 'string' || !metrics.some((mc) => mc.column === m)) fail(`${path}.metrics[${j}]`, `expected a column of $.metrics (${metrics.map((mc) => mc.column).join(', ')}), got ${JSON.stringify(m)}`);
    });
    return { title: c.title as string, xLabel: c.xLabel as string, yLabel: (c.yLabel as string | undefined) ?? 'value', x: x as number[], columns: cols as string[] };
  });
}

function parseTarget(raw: { [k: string]: Json }, fail: (p: string, m: string) => never): { target: SweepTarget; scenario: Scenario } {
  if (raw.circuit !== undefined) {
    // Circuit files (a user's own network description) are run through the same job record, with
    // the file's text as content; this version has no circuit loader yet.
    return fail('$.circuit', 'circuit files are not supported by this version; name a built-in scenario in "scenario"');
  }
  if (typeof raw.scenario !== 'string') return fail('$.scenario', `expected the name of a scenario (memspike list), got ${JSON.stringify(raw.scenario ?? null)}`);
  const scenario = scenarios.find((s) => s.name === raw.scenario);
  if (!scenario) return fail('$.scenario', `unknown scenario "${raw.scenario}"; run "memspike list" to see the ${scenarios.length} scenarios`);
  return { target: { kind: 'scenario', name: scenario.name }, scenario };
}

/** Expands one axis: a list, a linear range, or a log range. */
function axisValues(path: string, v: Json, spec: ParamSpec, fail: (p: string, m: string) => never): Json[] {
  if (Array.isArray(v)) return v;
  if (!isObject(v)) return fail(path, 'expected a list of values or a range {"from", "to", "count" | "step", "log"}');
  for (const k of Object.keys(v)) if (!['from', 'to', 'count', 'step', 'log'].includes(k)) fail(`${path}.${k}`, 'unknown field; known: from, to, count, step, log');
  const from = v.from;
  const to = v.to;
  if (typeof from !== 'number' || !Number.isFinite(from)) return fail(`${path}.from`, `expected a number, got ${JSON.stringify(from ?? null)}`);
  if (typeof to !== 'number' || !Number.isFinite(to)) return fail(`${path}.to`, `expected a number, got ${JSON.stringify(to ?? null)}`);
  if (spec.type !== 'number' && spec.type !== 'integer') fail(path, `a range needs a numeric parameter; "${spec.key}" is ${spec.type}`);
  const log = v.log ?? false;
  if (typeof log !== 'boolean') fail(`${path}.log`, `expected true or false, got ${JSON.stringify(log)}`);
  if ((v.count === undefined) === (v.step === undefined)) fail(path, 'give exactly one of "count" (number of values, ends included) or "step"');
  let count: number;
  if (v.count !== undefined) {
    if (typeof v.count !== 'number' || !Number.isInteger(v.count) || v.count < 0) return fail(`${path}.count`, `expected a whole number >= 1, got ${JSON.stringify(v.count)}`);
    count = v.count;
  } else {
    if (log) fail(`${path}.step`, 'a log range takes "count", not "step"');
    if (typeof v.step !== 'number' || !(v.step > 0)) return fail(`${path}.step`, `expected a number > 0, got ${JSON.stringify(v.step)}`);
    count = Math.floor(Math.abs(to - from) / v.step + 1e-9) + 1;
  }
  if (count === 0) return [];
  if (count > MAX_POINTS) fail(path, `${count} values exceed the limit of ${MAX_POINTS}`);
  if (log && !(from > 0 && to > 0)) fail(path, `a log range needs from > 0 and to > 0, got ${from} .. ${to}`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const f = count === 1 ? 0 : i / (count - 1);
    let x: number;
    if (log) x = from * Math.pow(to / from, f);
    else if (v.step !== undefined) x = from + Math.sign(to - from) * i * (v.step as number);
    else x = from + (to - from) * f;
    // 12 significant digits: 0.1 + 2 * 0.1 is written 0.3, not 0.30000000000000004.
    out.push(spec.type === 'integer' ? Math.round(x) : Number(x.toPrecision(12)));
  }
  return out;
}

function parseSeeds(v: Json | undefined, fail: (p: string, m: string) => never): number[] {
  const isSeed = (s: Json): s is number => typeof s === 'number' && Number.isInteger(s) && s >= 0;
  if (v === undefined) return [1];
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1) fail('$.seeds', `expected a count >= 1, a list of seeds, or {"from", "count"}, got ${v}`);
    if (v > MAX_POINTS) fail('$.seeds', `${v} seeds exceed the limit of ${MAX_POINTS}`);
    return Array.from({ length: v }, (_, i) => i + 1);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) fail('$.seeds', 'empty list: give at least one seed');
    v.forEach((s, i) => {
      if (!isSeed(s)) fail(`$.seeds[${i}]`, `expected a whole number >= 0, got ${JSON.stringify(s)}`);
    });
    if (new Set(v).size !== v.length) fail('$.seeds', 'repeated seed');
    return v as number[];
  }
  if (isObject(v)) {
    for (const k of Object.keys(v)) if (k !== 'from' && k !== 'count') fail(`$.seeds.${k}`, 'unknown field; known: from, count');
    if (!isSeed(v.from ?? null)) fail('$.seeds.from', `expected a whole number >= 0, got ${JSON.stringify(v.from ?? null)}`);
    const c = v.count;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > MAX_POINTS) fail('$.seeds.count', `expected a whole number 1..${MAX_POINTS}, got ${JSON.stringify(c ?? null)}`);
    return Array.from({ length: c as number }, (_, i) => (v.from as number) + i);
  }
  return fail('$.seeds', `expected a count, a list of seeds, or {"from", "count"}, got ${JSON.stringify(v)}`);
}

function parseMetrics(v: Json | undefined, fail: (p: string, m: string) => never): MetricColumn[] {
  if (!Array.isArray(v) || v.length === 0) return fail('$.metrics', 'expected a non-empty list of summary.json row names (or {"name", "as"})');
  const out: MetricColumn[] = v.map((m, i) => {
    const path = `$.metrics[${i}]`;
    if (typeof m === 'string' && m !== '') return { name: m, column: m };
    if (isObject(m)) {
      for (const k of Object.keys(m)) if (k !== 'name' && k !== 'as') fail(`${path}.${k}`, 'unknown field; known: name, as');
      if (typeof m.name !== 'string' || m.name === '') fail(`${path}.name`, 'expected a summary.json row name');
      if (m.as !== undefined && (typeof m.as !== 'string' || m.as === '')) fail(`${path}.as`, 'expected a column name');
      return { name: m.name as string, column: (m.as as string | undefined) ?? (m.name as string) };
    }
    return fail(path, `expected a row name or {"name", "as"}, got ${JSON.stringify(m)}`);
  });
  const cols = out.map((m) => m.column);
  cols.forEach((c, i) => {
    if (cols.indexOf(c) !== i) fail(`$.metrics[${i}]`, `column "${c}" given twice`);
  });
  return out;
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const POINT_FILES: readonly RunOutputs[] = ['summary', 'all'];

/**
 * $.outputs: the sweep's figures, whether each point's folder is kept, and
 * which files a point's run writes (`points`: "summary", only summary.json,
 * all the sweep reads; or "all", as `memspike run`; default "all" when the
 * folders are kept, else "summary").
 */
function parseOutputs(raw: Json | undefined, fail: (path: string, what: string) => never): SweepSpec['outputs'] {
  const out: { figures: boolean; keep: boolean; points?: RunOutputs } = { figures: true, keep: false };
  if (raw === undefined) return { ...out, points: 'summary' };
  if (!isObject(raw)) fail('$.outputs', 'expected an object {"figures": true|false, "keep": true|false, "points": "summary"|"all"}');
  for (const [k, v] of Object.entries(raw as Record<string, Json>)) {
    if (k === 'points') {
      if (typeof v !== 'string' || !POINT_FILES.includes(v as RunOutputs)) fail('$.outputs.points', `expected "summary" or "all", got ${JSON.stringify(v)}`);
      out.points = v as RunOutputs;
      continue;
    }
    if (k !== 'figures' && k !== 'keep') fail(`$.outputs.${k}`, 'unknown field; known: figures, keep, points');
    if (typeof v !== 'boolean') fail(`$.outputs.${k}`, `expected true or false, got ${JSON.stringify(v)}`);
    out[k as 'figures' | 'keep'] = v as boolean;
  }
  return { figures: out.figures, keep: out.keep, points: out.points ?? (out.keep ? 'all' : 'summary') };
}
