import { afterAll, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The first mkdir of a folder named "raced" makes it and then fails with EEXIST,
// as when another process (a concurrent run into a sibling folder) makes it first.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  let raced = false;
  return {
    ...real,
    mkdirSync: ((path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      if (!raced && String(path).endsWith('raced')) {
        raced = true;
        real.mkdirSync(path, options);
        throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${String(path)}'`), { code: 'EEXIST' });
      }
      return real.mkdirSync(path, options);
    }) as typeof real.mkdirSync,
  };
});

const { ensureWritableDir } = await import('../../src/record/write.ts');
const root = fs.mkdtempSync(join(tmpdir(), 'memspike-dirs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('output folders made while another process makes them too', () => {
  it('a parent made by someone else between the check and mkdir is taken as made', () => {
    const dir = join(root, 'raced', 'run-1');
    expect(() => ensureWritableDir(dir)).not.toThrow();
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });
});
