/**
 * Atomic output files: each is written to a temporary file beside its target
 * and renamed into place, so a reader never sees half a file and a failed run
 * leaves no partial output.
 */
import { mkdirSync, renameSync, writeFileSync, rmSync, accessSync, constants, statSync, existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname, join, basename, resolve } from 'node:path';

export function writeAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  makeDirs(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Like writeAtomic, for content produced in pieces (large CSV tables): memory stays at one piece. */
export function writeAtomicChunks(path: string, chunks: Iterable<string>): void {
  const dir = dirname(path);
  makeDirs(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  let fd = -1;
  try {
    fd = openSync(tmp, 'w');
    for (const c of chunks) writeSync(fd, c);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, path);
  } catch (err) {
    if (fd >= 0) closeSync(fd);
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
    makeDirs(dir);
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^.*?: /, '') : String(err);
    throw new Error(`output directory "${dir}" is not writable (${why})`);
  }
}

/**
 * mkdir -p that creates one level at a time from the nearest existing
 * ancestor. (Node's recursive mkdirSync never returns on some virtual file
 * systems such as /proc, where mkdir keeps answering ENOENT.)
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  if (existsSync(d) && !statSync(d).isDirectory()) throw new Error(`"${d}" is not a directory`);
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]);
    } catch (err) {
      // Another process (a concurrent run into a sibling folder) made it first.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(missing[i]).isDirectory()) throw err;
    }
  }
}
