/**
 * Sweeps end to end through the CLI, with the real parts: worker threads, a
 * real redis-server (random loopback port, no persistence) and two
 * `memspike worker` processes, one of which is killed mid-job. Every engine,
 * worker count and interruption must give the same table, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, exited, spawnCli, startRedis, until, type RedisServer } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-sweep-'));
const DYN = 'dynamic range Gmax / Gmin (mean over those cycles)';
const LTP = 'cycle 1: G after 25 LTP pulses / G before';
/** 8 cheap points: LTP/LTD (2 cycles) at two cycle-to-cycle variation levels, 4 seeds. */
const sweep = {
  scenario: 'fig3b-ltp-ltd',
  set: { cycles: 2 },
  axes: { variationPct: [0, 10] },
  seeds: 4,
  metrics: [{ name: DYN, as: 'dynamicRange' }, LTP],
};
const sweepFile = join(root, 'ltp.json');
writeFileSync(sweepFile, JSON.stringify(sweep));
const read = (dir: string, f: string): string => readFileSync(join(root, dir, f), 'utf8');
const journalLines = (dir: string): string[] => read(dir, 'journal.jsonl').split('\n').filter(Boolean);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('local sweeps', () => {
  beforeAll(async () => {
    const r = await cli(['sweep', sweepFile, '--out', 'w1', '--workers', '1'], root);
    expect(r.code, r.stderr).toBe(0);
  });

  it('writes one row per point and seed, in the sweep order, with the collected metrics', () => {
    const lines = read('w1', 'results.csv').trimEnd().split('\n');
    expect(lines[0]).toBe(`key,variationPct,seed,dynamicRange,${LTP},status,error`);
    expect(lines).toHaveLength(9);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => `${r[1]}/${r[2]}`)).toEqual(['0/1', '0/2', '0/3', '0/4', '10/1', '10/2', '10/3', '10/4']);
    for (const r of rows) {
      expect(r[5]).toBe('ok');
      expect(Number(r[3])).toBeGreaterThan(1.5);
      expect(Number(r[3])).toBeLessThan(5);
    }
    // Without variation the seed changes nothing; with 10 % cycle-to-cycle variation it does.
    expect(new Set(rows.slice(0, 4).map((r) => r[3])).size).toBe(1);
    expect(new Set(rows.slice(4).map((r) => r[3])).size).toBeGreaterThan(1);
    expect(read('w1', 'results.jsonl').split('\n').filter(Boolean)).toHaveLength(8);
    expect(read('w1', 'timings.csv').split('\n')[0]).toBe('key,variationPct,seed,status,wallS,worker');
    expect(existsSync(join(root, 'w1', 'dynamicrange-vs-variationpct.svg'))).toBe(true);
  });

  it('gives the same tables and figures with 2 workers', async () => {
    const r = await cli(['sweep', sweepFile, '--out', 'w2', '--workers', '2'], root);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['results.csv', 'results.jsonl', 'dynamicrange-vs-variationpct.svg']) expect(read('w2', f), f).toBe(read('w1', f));
  });

  it('a rerun skips every finished point and records nothing twice', async () => {
    const before = journalLines('w1');
    const r = await cli(['sweep', sweepFile, '--out', 'w1', '--workers', '2'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/8 points: 8 skipped \(already done\), 0 run, 0 failed/);
    expect(journalLines('w1')).toEqual(before);
  });

  it('resumes after a crash that cut the journal mid-line', async () => {
    const lines = journalLines('w1');
    // A crash while writing the sixth record: five whole lines and part of one; no tables yet.
    mkdirSync(join(root, 'crash'));
    writeFileSync(join(root, 'crash', 'journal.jsonl'), lines.slice(0, 5).join('\n') + '\n' + lines[5].slice(0, 40));
    const r = await cli(['sweep', sweepFile, '--out', 'crash', '--workers', '2'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/8 points: 5 skipped \(already done\), 3 run, 0 failed/);
    // Every line whole and every point once: the cut-off tail is gone, not glued to the next record.
    const keys = journalLines('crash').map((l) => (JSON.parse(l) as { key: string }).key);
    expect(new Set(keys).size).toBe(8);
    expect(keys).toHaveLength(8);
    expect(read('crash', 'results.csv')).toBe(read('w1', 'results.csv'));
  });

  it('stops on Ctrl-C with the finished points kept, and a rerun completes the same table', async () => {
    const child = spawnCli(['sweep', sweepFile, '--out', 'intr', '--workers', '1'], root);
    const journal = join(root, 'intr', 'journal.jsonl');
    await until('two finished points', () => existsSync(journal) && readFileSync(journal, 'utf8').split('\n').filter(Boolean).length >= 2);
    child.kill('SIGINT');
    const r = await exited(child);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toMatch(/interrupted: rerun the same command to resume/);
    expect(existsSync(join(root, 'intr', 'results.csv'))).toBe(false);
    const kept = journalLines('intr').length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(8);
    const again = await cli(['sweep', sweepFile, '--out', 'intr', '--workers', '2'], root);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${kept} already done, skipped`);
    expect(journalLines('intr')).toHaveLength(8);
    expect(read('intr', 'results.csv')).toBe(read('w1', 'results.csv'));
  });

  it('records failing points with their error and runs the rest', async () => {
    // Each point moves its scenario folder to DIR/points/<key>; here DIR/points is a file, so every move fails.
    const file = join(root, 'keep.json');
    writeFileSync(file, JSON.stringify({ scenario: 'fig2b-iv-loop', axes: { stepV: [0.25, 0.5, 1] }, metrics: ['loop area, positive lobe'], outputs: { keep: true } }));
    mkdirSync(join(root, 'fail'));
    writeFileSync(join(root, 'fail', 'points'), 'in the way');
    const r = await cli(['sweep', file, '--out', 'fail', '--workers', '2'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the first point failed');
    expect(r.stdout).toMatch(/3 points: 0 skipped \(already done\), 3 run, 3 failed/);
    const rows = read('fail', 'results.csv').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/,,failed,".*fail\/points"" is not a directory"$/);
  });

  describe('through Redis with two workers, one killed mid-job', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('gathers the same table as the local run', async () => {
      // Short locks so the dead worker's job is put back within about a second.
      const opts = ['--concurrency', '1', '--lock-ms', '1000', '--stalled-ms', '500'];
      const a = spawnCli(['worker', '--queue', redis.url, ...opts], root);
      const b = spawnCli(['worker', '--queue', redis.url, ...opts], root);
      try {
        await until('both workers', () => a.out.stdout.includes('taking jobs') && b.out.stdout.includes('taking jobs'));
        const submit = cli(['sweep', sweepFile, '--out', 'redis', '--queue', redis.url], root);
        await until('worker A to start a job', () => / start [0-9a-f]{20}/.test(a.out.stdout));
        const killed = (/ start ([0-9a-f]{20})/.exec(a.out.stdout) as RegExpExecArray)[1];
        a.kill('SIGKILL');
        const r = await submit;
        expect(r.code, r.stderr).toBe(0);
        expect(a.out.stdout).not.toContain(`done ${killed}`);
        // The killed job was taken up again by the other worker.
        expect(b.out.stdout).toContain(`start ${killed}`);
        expect(b.out.stdout).toContain(`done ${killed}`);
        expect(read('redis', 'results.csv')).toBe(read('w1', 'results.csv'));
        expect(read('redis', 'results.jsonl')).toBe(read('w1', 'results.jsonl'));
        expect(journalLines('redis')).toHaveLength(8);
        // A second submission finds every point done: nothing enqueued, nothing duplicated.
        const again = await cli(['sweep', sweepFile, '--out', 'redis', '--queue', redis.url], root);
        expect(again.stdout).toMatch(/8 skipped \(already done\), 0 gathered/);
        // --collect into a fresh folder gathers the 7 results kept on the queue (the first point ran on the submitter).
        const col = await cli(['sweep', sweepFile, '--collect', '--out', 'collected', '--queue', redis.url], root);
        expect(col.stdout).toContain('1 point is not on the queue');
        expect(col.stdout).toContain('1 of 8 points still to do');
        expect(journalLines('collected')).toHaveLength(7);
      } finally {
        a.kill('SIGKILL');
        b.kill('SIGTERM');
        await exited(b);
      }
    });
  });
});

describe.concurrent('bad sweep files fail before any work, naming the file and field', () => {
  const bad = async (name: string, spec: unknown, pattern: RegExp, extra: string[] = []): Promise<void> => {
    const file = join(root, `${name}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const r = await cli(['sweep', file, '--out', `bad-${name}`, ...extra], root);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^memspike: error: /);
    expect(lines[0]).toMatch(pattern);
    expect(existsSync(join(root, `bad-${name}`))).toBe(false);
  };

  it('unknown parameter', () => bad('param', { ...sweep, axes: { nosuch: [1, 2] } }, /sweep file ".*param\.json": \$\.axes\.nosuch: scenario "fig3b-ltp-ltd" has no parameter "nosuch"; known: cycles, pulses/));
  it('empty axis', () => bad('empty', { ...sweep, axes: { variationPct: [] } }, /\$\.axes\.variationPct: empty axis/));
  it('value out of range', () => bad('range', { ...sweep, axes: { variationPct: { from: 0, to: 80, count: 3 } } }, /\$\.axes\.variationPct\[2\]: .*must be <= 50/));
  it('bad point outputs', () => bad('points', { ...sweep, outputs: { points: 'none' } }, /\$\.outputs\.points: expected "summary" or "all", got "none"/));
  it('unknown metric name', () => bad('metric', { ...sweep, metrics: [DYN, 'no such row'] }, /\$\.metrics\[1\]: scenario "fig3b-ltp-ltd" writes no summary row "no such row"; its rows: /));
  it('unreachable Redis', () => bad('redis', sweep, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0: .*ECONNREFUSED/, ['--queue', 'redis://127.0.0.1:1/0']));
  it('not a Redis URL', () => bad('url', sweep, /--queue: expected a redis:\/\/ or rediss:\/\/ URL/, ['--queue', 'http://127.0.0.1:6379']));
});
