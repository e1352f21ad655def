/**
 * CLI edge cases, each through the real command line: seeds, hosts, empty
 * --only, calibrate's --out, back-to-back pulses, work over budget, quoted
 * input, interrupted runs, stale staging folders, concurrent runs into one
 * --out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, seedFlag } from '../../src/commands/args.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-edges-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Result = CliResult;

function cli(args: string[], onStart?: (kill: (s: NodeJS.Signals) => void) => void): Promise<Result> {
  return runCli(args, root, onStart);
}

function oneLineError(r: Result, pattern: RegExp): void {
  expect(r.code, r.stderr).not.toBe(0);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines.length, r.stderr).toBe(1);
  expect(lines[0]).toMatch(/^memspike: error: /);
  expect(lines[0]).toMatch(pattern);
}

const hidden = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('.')) : []);

describe('CLI edge cases', () => {
  it('validates seeds, hosts, --only and calibrate --out before any work', async () => {
    const out = join(root, 'never');
    const presetDir = join(root, 'preset-dir');
    mkdirSync(presetDir);
    const [empty, huge, host, only, cal] = await Promise.all([
      cli(['run', 'fig2b-iv-loop', '--out', out, '--seed=']),
      cli(['reproduce', '--out', out, '--seed', '1e308', '--only', 'fig3a-ppf']),
      cli(['serve', '--host', '', '--port', '0']),
      cli(['reproduce', '--out', out, '--only', ',']),
      cli(['calibrate', '--out', presetDir, '--iterations', '1000000']),
    ]);
    oneLineError(empty, /--seed expects a whole number 0 <= seed < 2\^32 \(4294967296\), got ""/);
    oneLineError(huge, /--seed expects .* got "1e308"/);
    // The same parser, in process, for the other seeds.
    const seed = (v: string) => seedFlag(parseArgs(['--seed', v], [{ name: 'seed', takesValue: true }], 'run'), 'run');
    for (const bad of ['4294967296', '0x10', '-1', '1.5', ' 7', '1e3']) expect(() => seed(bad), bad).toThrow(/--seed expects a whole number 0 <= seed < 2\^32/);
    expect(seed('0')).toBe(0);
    expect(seed('4294967295')).toBe(4294967295);
    oneLineError(host, /--host needs an address/);
    oneLineError(only, /--only needs scenario names/);
    oneLineError(cal, /calibrate: --out ".*preset-dir" is a folder/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(presetDir)).toEqual([]);
  });

  it('back-to-back pulses (intervalS = 0) run for any width', async () => {
    const out = join(root, 'b2b');
    const runs = await Promise.all(['0.3', '0.07'].map((w) => cli(['run', 'fig5b-innocuous', '--out', join(out, w), '--set', 'intervalS=0', '--set', `widthS=${w}`])));
    for (const [i, r] of runs.entries()) {
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, ['0.3', '0.07'][i], 'fig5b-innocuous', 'summary.json'), 'utf8')) as { params: Record<string, number> };
      expect(summary.params.intervalS).toBe(0);
    }
  });

  it('refuses a run whose estimate exceeds the budget, stating both, and quotes at most 200 characters of bad input', async () => {
    const out = join(root, 'budget');
    const [r, q] = await Promise.all([
      cli(['run', 'fig3b-ltp-ltd', '--out', out, '--set', 'cycles=100', '--set', 'pulses=10000']),
      cli(['run', 'fig2b-iv-loop', '--out', out, '--set', `stepV=${'9'.repeat(5000)}x`]),
    ]);
    oneLineError(r, /scenario "fig3b-ltp-ltd" would need \d\.\d+ GB output \(budget 1\.\d+ GB\); estimate: 24\.0 M events, \d+ MB memory, \d\.\d+ GB output\. .*--force/);
    oneLineError(q, /parameter "stepV": expected a number \(V\), got "9{200}\.\.\."/);
    expect(q.stderr.length).toBeLessThan(400);
    expect(existsSync(out)).toBe(false);
  });

  it('removes the staging folder of a run interrupted by SIGINT, and stale ones at the next run', async () => {
    const out = join(root, 'interrupted');
    mkdirSync(out);
    // A staging folder left by a process that is gone (killed hard): removed by the next run.
    const stale = join(out, '.fig2b-iv-loop.staging-999999999-0badf00d');
    mkdirSync(stale);
    writeFileSync(join(stale, 'trace.csv'), 'partial');
    let seen: string[] = [];
    const r = await cli(['run', 'fig5de-allodynia', '--out', out], (kill) => {
      const poll = setInterval(() => {
        seen = hidden(out).filter((n) => n.includes('fig5de-allodynia.staging-'));
        if (seen.length > 0) {
          clearInterval(poll);
          setTimeout(() => kill('SIGINT'), 300);
        }
      }, 20);
    });
    expect(seen.length).toBe(1);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(SIGINT\); partial outputs removed/);
    expect(hidden(out)).toEqual([]);
    expect(existsSync(join(out, 'fig5de-allodynia'))).toBe(false);
  });

  it('concurrent runs into one --out each land whole', async () => {
    const out = join(root, 'shared');
    const runs = await Promise.all([1, 2, 3].map((seed) => cli(['run', 'fig2b-iv-loop', '--out', out, '--seed', String(seed)])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'fig2b-iv-loop')).sort()).toEqual(['fig2b-iv-linear.svg', 'fig2b-iv-semilog.svg', 'iv.csv', 'summary.json', 'trace.csv']);
    const summary = JSON.parse(readFileSync(join(out, 'fig2b-iv-loop', 'summary.json'), 'utf8')) as { seed: number };
    expect([1, 2, 3]).toContain(summary.seed);
    expect(hidden(out)).toEqual([]);
  });
});
