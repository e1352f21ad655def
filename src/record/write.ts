/**
 * Atomic output files: each is written to a temporary file beside its target
 * and renamed into place, so a reader never sees half a file and a failed run
 * leaves no partial output.
 */
import { mkdirSync, renameSync, writeFileSync, rmSync, accessSync, constants, statSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export function writeAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function writeJSON(path: string, value: unknown): void {
  writeAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Makes sure `dir` exists (creating it) and is writable; throws a one-line
 * error naming the directory otherwise.
 */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^.*?: /, '') : String(err);
    throw new Error(`output directory "${dir}" is not writable (${why})`);
  }
}
