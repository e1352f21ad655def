import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWritableDir, writeAtomic, writeJSON } from '../../src/record/write.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'memspike-write-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('writes and overwrites the target, leaving no temporary file', () => {
    const d = tmp();
    const f = join(d, 'sub', 'out.csv');
    writeAtomic(f, 'a\n1\n');
    writeAtomic(f, 'a\n2\n');
    expect(readFileSync(f, 'utf8')).toBe('a\n2\n');
    expect(readdirSync(join(d, 'sub'))).toEqual(['out.csv']);
    writeJSON(join(d, 's.json'), { x: 1 });
    expect(JSON.parse(readFileSync(join(d, 's.json'), 'utf8'))).toEqual({ x: 1 });
  });

  it('a failed write throws and leaves neither the target nor a temporary file', () => {
    const d = tmp();
    mkdirSync(join(d, 'taken'));
    // The target is a directory: the rename fails after the temporary file was written.
    expect(() => writeAtomic(join(d, 'taken'), 'x')).toThrow();
    expect(readdirSync(d)).toEqual(['taken']);
    expect(readdirSync(join(d, 'taken'))).toEqual([]);
  });

  it('ensureWritableDir creates a folder, and names the folder when it cannot', () => {
    const d = tmp();
    ensureWritableDir(join(d, 'a', 'b'));
    expect(readdirSync(join(d, 'a'))).toEqual(['b']);
    writeFileSync(join(d, 'file'), 'x');
    const bad = join(d, 'file', 'out');
    expect(() => ensureWritableDir(bad)).toThrow(new RegExp(`output directory "${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not writable`));
    expect(readFileSync(join(d, 'file'), 'utf8')).toBe('x');
  });
});
