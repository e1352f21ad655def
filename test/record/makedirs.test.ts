import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWritableDir, makeDirs } from '../../src/record/write.ts';

describe('makeDirs / ensureWritableDir', () => {
  it('creates nested folders level by level', () => {
    const root = mkdtempSync(join(tmpdir(), 'memspike-dirs-'));
    const deep = join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDirs(deep); // idempotent
  });

  it('names a regular file standing where a folder is needed', () => {
    const root = mkdtempSync(join(tmpdir(), 'memspike-dirs-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(() => ensureWritableDir(join(root, 'file', 'out'))).toThrow(/is not writable.*is not a directory/);
    expect(existsSync(join(root, 'file', 'out'))).toBe(false);
  });

  it('returns with an error on a virtual file system where mkdir never succeeds', () => {
    expect(() => ensureWritableDir('/proc/memspike-nope/x')).toThrow(/\/proc\/memspike-nope\/x/);
  });
});
