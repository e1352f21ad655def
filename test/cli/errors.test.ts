import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'memspike-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, root);
}

function expectOneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines.length, r.stderr).toBe(1);
  expect(lines[0]).toMatch(/^memspike: error: /);
  expect(lines[0]).toMatch(pattern);
}

describe('CLI errors: one line on stderr, non-zero exit, nothing written', () => {
  it('unknown scenario', async () => {
    const out = join(root, 'o1');
    const r = await cli(['run', 'no-such-scenario', '--out', out]);
    expectOneLineError(r, /unknown scenario "no-such-scenario"/);
    expect(existsSync(out)).toBe(false);
  });

  it('bad --set key', async () => {
    const out = join(root, 'o2');
    const r = await cli(['run', 'fig2b-iv-loop', '--out', out, '--set', 'nosuch=1']);
    expectOneLineError(r, /scenario "fig2b-iv-loop" has no parameter "nosuch"; known: maxV, stepV, dwellS/);
    expect(existsSync(out)).toBe(false);
  });

  it('bad --set value', async () => {
    const out = join(root, 'o3');
    const r = await cli(['run', 'fig2b-iv-loop', '--out', out, '--set', 'stepV=abc']);
    expectOneLineError(r, /parameter "stepV": expected a number \(V\), got "abc"/);
    const r2 = await cli(['run', 'fig3b-ltp-ltd', '--out', out, '--set', 'cycles=0']);
    expectOneLineError(r2, /parameter "cycles": must be >= 1/);
    expect(existsSync(out)).toBe(false);
  });

  it('unwritable --out (a path under a regular file)', async () => {
    const file = join(root, 'plain-file');
    writeFileSync(file, 'keep');
    const before = readdirSync(root).sort();
    const r = await cli(['run', 'fig2b-iv-loop', '--out', join(file, 'results')]);
    expectOneLineError(r, /output directory ".*plain-file\/results" is not writable/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(readdirSync(root).sort()).toEqual(before);
  });
});
