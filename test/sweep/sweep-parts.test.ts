/** The parts of a sweep on their own: axes, seeds, keys, the journal, the tables, one point. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweep } from '../../src/sweep/spec.ts';
import { expandPoints, jobOf, pointKey } from '../../src/sweep/points.ts';
import { Journal } from '../../src/sweep/journal.ts';
import { resultsCSV, rowsOf } from '../../src/sweep/tables.ts';
import { runPoint } from '../../src/sweep/run-point.ts';
import { quantile } from '../../src/sweep/figures.ts';
import type { PointResult } from '../../src/sweep/types.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-sweep-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const spec = (o: Record<string, unknown>) => parseSweep('s.json', JSON.stringify({ scenario: 'fig2b-iv-loop', metrics: ['loop area, positive lobe'], ...o }));

describe('axes and seeds', () => {
  it('expands lists, linear ranges (count or step) and log ranges', () => {
    const s = spec({ axes: { maxV: { from: 1, to: 2, step: 0.25 }, stepV: { from: 0.01, to: 1, count: 3, log: true }, dwellS: [0.05] } });
    expect(s.axes.map((a) => a.values)).toEqual([[1, 1.25, 1.5, 1.75, 2], [0.01, 0.1, 1], [0.05]]);
    const lin = spec({ axes: { stepV: { from: 0.1, to: 0.3, count: 3 } } });
    // Written as the decimal it means, not 0.30000000000000004.
    expect(lin.axes[0].values).toEqual([0.1, 0.2, 0.3]);
  });

  it('grid gives every combination (first axis slowest), zip pairs the i-th values', () => {
    const axes = { maxV: [1, 2], stepV: [0.1, 0.2] };
    const grid = expandPoints(spec({ axes, seeds: [7, 9] }));
    expect(grid.map((p) => `${p.axisValues.maxV}/${p.axisValues.stepV}/${p.seed}`)).toEqual(['1/0.1/7', '1/0.1/9', '1/0.2/7', '1/0.2/9', '2/0.1/7', '2/0.1/9', '2/0.2/7', '2/0.2/9']);
    const zip = expandPoints(spec({ axes, combine: 'zip' }));
    expect(zip.map((p) => `${p.axisValues.maxV}/${p.axisValues.stepV}/${p.seed}`)).toEqual(['1/0.1/1', '2/0.2/1']);
    expect(() => spec({ axes: { maxV: [1, 2], stepV: [0.1] }, combine: 'zip' })).toThrow(/\$\.axes\.stepV: zipped axes need equal lengths/);
  });

  it('seeds as a count, a list or a range; bad seeds are errors with their path', () => {
    expect(spec({ seeds: 3 }).seeds).toEqual([1, 2, 3]);
    expect(spec({ seeds: { from: 10, count: 2 } }).seeds).toEqual([10, 11]);
    expect(spec({ seeds: [5, 2] }).seeds).toEqual([5, 2]);
    expect(() => spec({ seeds: [1, -1] })).toThrow(/sweep file "s\.json": \$\.seeds\[1\]: expected a whole number >= 0/);
    expect(() => spec({ seeds: [] })).toThrow(/\$\.seeds: empty list/);
    expect(() => spec({ seeds: [2, 2] })).toThrow(/\$\.seeds: repeated seed/);
  });

  it('rejects unknown fields, bad ranges and non-scenarios by path', () => {
    expect(() => spec({ axis: {} })).toThrow(/\$\.axis: unknown field/);
    expect(() => spec({ axes: { maxV: { from: 1, to: 2 } } })).toThrow(/\$\.axes\.maxV: give exactly one of "count"/);
    expect(() => spec({ axes: { maxV: { from: 0, to: 2, count: 3, log: true } } })).toThrow(/a log range needs from > 0/);
    expect(() => spec({ scenario: 'nope' })).toThrow(/\$\.scenario: unknown scenario "nope"/);
    expect(() => spec({ circuit: 'c.json' })).toThrow(/\$\.circuit: circuit files are not supported/);
    expect(() => spec({ set: { maxV: 2 }, axes: { maxV: [1, 2] } })).toThrow(/\$\.axes\.maxV: "maxV" is both fixed/);
    expect(() => spec({ metrics: [] })).toThrow(/\$\.metrics: expected a non-empty list/);
    const chart = { title: 't', xLabel: 'x', x: [1, 2], metrics: ['loop area, positive lobe', 'nope'] };
    expect(() => spec({ charts: [chart] })).toThrow(/\$\.charts\[0\]\.metrics\[1\]: expected a column of \$\.metrics/);
    expect(() => spec({ charts: [{ ...chart, x: [1] }] })).toThrow(/\$\.charts\[0\]\.metrics: expected 1 metric columns/);
  });
});

describe('point keys', () => {
  it('depend on parameters, seed, quick mode and version, not on key order or the sweep file', () => {
    const t = { kind: 'scenario', name: 'fig2b-iv-loop' } as const;
    const k = pointKey(t, { a: 1, b: 2 }, 1, false, '1.0.0');
    expect(pointKey(t, { b: 2, a: 1 }, 1, false, '1.0.0')).toBe(k);
    for (const other of [pointKey(t, { a: 1, b: 3 }, 1, false, '1.0.0'), pointKey(t, { a: 1, b: 2 }, 2, false, '1.0.0'), pointKey(t, { a: 1, b: 2 }, 1, true, '1.0.0'), pointKey(t, { a: 1, b: 2 }, 1, false, '1.0.1')]) expect(other).not.toBe(k);
    // The same run reached through a fixed value or an axis is the same point.
    const viaSet = expandPoints(spec({ set: { maxV: 3 } }))[0].key;
    const viaAxis = expandPoints(spec({ axes: { maxV: [3] } }))[0].key;
    expect(viaAxis).toBe(viaSet);
  });
});

describe('journal', () => {
  const r = (key: string, status: 'ok' | 'failed', v = 1): PointResult => ({ key, status, metrics: { m: v }, error: status === 'ok' ? null : 'boom', wallS: 0.1, worker: 'w' });

  it('drops a line cut off by a crash, keeps a done point final, lets a failed one be retried', () => {
    const path = join(root, 'j.jsonl');
    writeFileSync(path, JSON.stringify(r('a', 'ok')) + '\n' + JSON.stringify(r('b', 'failed')) + '\n' + '{"key":"c","sta');
    const j = new Journal(path);
    expect([...j.records.keys()]).toEqual(['a', 'b']);
    expect(j.isDone('a')).toBe(true);
    expect(j.isDone('b')).toBe(false);
    expect(j.append(r('a', 'ok', 2))).toBe(false);
    expect(j.append(r('b', 'ok', 3))).toBe(true);
    j.close();
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    const again = new Journal(path);
    expect(again.records.get('a')?.metrics.m).toBe(1);
    expect(again.records.get('b')?.status).toBe('ok');
  });

  it('tables put a failed point in its place with its error, and quote text cells', () => {
    const s = spec({ axes: { maxV: [1, 2] }, metrics: [{ name: 'm', as: 'col' }] });
    const pts = expandPoints(s);
    const recs = new Map([[pts[1].key, { ...r(pts[1].key, 'failed'), error: 'bad, "very"' }], [pts[0].key, r(pts[0].key, 'ok', 0.5)]]);
    const csv = resultsCSV(s, rowsOf(pts, recs)).split('\n');
    expect(csv[0]).toBe('key,maxV,seed,col,status,error');
    expect(csv[1]).toBe(`${pts[0].key},1,1,0.5,ok,`);
    expect(csv[2]).toBe(`${pts[1].key},2,1,,failed,"bad, ""very"""`);
  });
});

describe('one point', () => {
  it('runs the scenario and returns every summary row by name', async () => {
    const p = expandPoints(spec({ set: { stepV: 0.5 } }))[0];
    const res = await runPoint({ key: p.key, version: (await import('../../src/sweep/points.ts')).memspikeVersion(), target: { kind: 'scenario', name: 'fig2b-iv-loop' }, params: p.params, seed: 1, quick: false });
    expect(res.status, res.error ?? '').toBe('ok');
    expect(typeof res.metrics['loop area, positive lobe']).toBe('number');
    expect(res.metrics['loop area, positive lobe']).toBeGreaterThan(0);
  });

  it('a failing point is a result with its error, not a throw', async () => {
    const res = await runPoint({ key: 'k', version: '0.0.0-other', target: { kind: 'scenario', name: 'fig2b-iv-loop' }, params: {}, seed: 1, quick: false });
    expect(res.status).toBe('failed');
    expect(res.error).toMatch(/the point needs 0\.0\.0-other/);
    const v = (await import('../../src/sweep/points.ts')).memspikeVersion();
    const bad = await runPoint({ key: 'k', version: v, target: { kind: 'scenario', name: 'fig2b-iv-loop' }, params: { stepV: 'x' }, seed: 1, quick: false });
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/parameter "stepV": expected a number/);
  });

  it('writes only summary.json by default, every file with outputs.points "all" or when folders are kept', async () => {
    expect(spec({}).outputs.points).toBe('summary');
    expect(spec({ outputs: { keep: true } }).outputs.points).toBe('all');
    expect(spec({ outputs: { keep: true, points: 'summary' } }).outputs.points).toBe('summary');
    expect(() => spec({ outputs: { points: 'some' } })).toThrow(/\$\.outputs\.points: expected "summary" or "all", got "some"/);
    const v = (await import('../../src/sweep/points.ts')).memspikeVersion();
    const kept: Record<string, string[]> = {};
    const metrics: Record<string, unknown> = {};
    for (const points of ['summary', 'all'] as const) {
      const s = spec({ set: { stepV: 0.5 }, outputs: { keep: true, points } });
      const p = expandPoints(s, v)[0];
      const keepDir = join(root, `kept-${points}`);
      const res = await runPoint(jobOf(s, p, v, keepDir));
      expect(res.status, res.error ?? '').toBe('ok');
      kept[points] = readdirSync(join(keepDir, p.key)).sort();
      metrics[points] = res.metrics;
    }
    expect(kept.summary).toEqual(['summary.json']);
    expect(kept.all).toContain('summary.json');
    expect(kept.all.filter((f) => f.endsWith('.csv') || f.endsWith('.svg')).length).toBeGreaterThanOrEqual(4);
    expect(metrics.summary).toEqual(metrics.all);
  });
});

describe('spread band', () => {
  it('quantiles interpolate between order statistics', () => {
    expect(quantile([0, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
  });
});

describe('a Monte-Carlo study of nociceptor cycle-to-cycle variation', () => {
  it('sweeps cycleToCycle over seeds: seeded, and the seed matters only with variation', async () => {
    const v = (await import('../../src/sweep/points.ts')).memspikeVersion();
    const s = parseSweep('mc.json', JSON.stringify({ scenario: 'fig5de-allodynia', set: { trainS: 2, recoveryHorizonS: 10, restS: 1 }, axes: { cycleToCycle: [0, 0.1] }, seeds: 2, metrics: ['first spike of the train after a 1 s noxious pulse'] }));
    const points = expandPoints(s);
    expect(points.map((p) => `${p.axisValues.cycleToCycle}/${p.seed}`)).toEqual(['0/1', '0/2', '0.1/1', '0.1/2']);
    const first = async (k: number): Promise<unknown> => {
      const p = points[k];
      const r = await runPoint({ key: p.key, version: v, target: { kind: 'scenario', name: 'fig5de-allodynia' }, params: p.params, seed: p.seed, quick: true });
      expect(r.status).toBe('ok');
      return r.metrics['first spike of the train after a 1 s noxious pulse'];
    };
    const [a, b, c, d] = [await first(0), await first(1), await first(2), await first(3)];
    expect(typeof a).toBe('number');
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(d).not.toBe(c);
    expect(await first(2)).toBe(c);
    expect(() => parseSweep('mc.json', JSON.stringify({ scenario: 'fig5de-allodynia', axes: { cycleToCycle: [2] }, metrics: ['x'] }))).toThrow(/\$\.axes\.cycleToCycle\[0\]: .*must be <= 1/);
  });
});
