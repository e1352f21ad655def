/**
 * The pool's worker entry when memspike runs from its TypeScript sources:
 * the worker and every module it imports, bundled into one JavaScript file
 * (esbuild; packages stay imports). Loading it takes a worker about 0.3 s of
 * CPU, where loading the sources through tsx's loader took about 2.3 s per
 * worker, paid again at every sweep (measured by bench/sweep.ts).
 *
 * Modules find their files relative to their own URL: in the bundle each
 * module's `import.meta.url`, `.dirname` and `.filename` are replaced by its
 * source file's, so the same files are found. The bundle is written under
 * node_modules/.cache/memspike/, named by its content's hash (concurrent
 * sweeps of different sources each load their own), so bare package imports
 * resolve as from the sources. A manifest beside it lists the source files
 * with their size and modification time: while none has changed, the next
 * sweep loads the same bundle without bundling again (about 0.45 s of CPU).
 * Bundles not used for a day are removed. When that folder cannot be
 * written, null: the caller loads the sources.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { makeDirs, writeAtomic } from '../record/write.ts';

const PREFIX = 'pool-worker-';
const MANIFEST = 'pool-worker.json';
const STALE_MS = 24 * 3600 * 1000;

interface Manifest {
  readonly entry: string;
  readonly bundle: string;
  /** Source file -> [size, mtimeMs]. */
  readonly inputs: Readonly<Record<string, readonly [number, number]>>;
}

const stamp = (path: string): [number, number] => {
  const st = statSync(path);
  return [st.size, st.mtimeMs];
};

/** The bundle of the manifest when it is for `entry` and no source has changed since. */
function upToDate(dir: string, entry: string): string | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    if (m.entry !== entry || !existsSync(join(dir, m.bundle))) return null;
    for (const [path, [size, mtimeMs]] of Object.entries(m.inputs)) {
      const [s, t] = stamp(path);
      if (s !== size || t !== mtimeMs) return null;
    }
    return join(dir, m.bundle);
  } catch {
    return null;
  }
}

/** Each source module's own import.meta values, as literals. */
const moduleUrls: Plugin = {
  name: 'module-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const contents = src
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

/** Bundles `entry` (a .ts file URL) and returns the bundle's file URL, or null when it cannot be written. */
export async function bundleWorker(entry: string): Promise<string | null> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const modules = join(root, 'node_modules');
  if (!existsSync(modules)) return null;
  const dir = join(modules, '.cache', 'memspike');
  const entryPath = fileURLToPath(entry);
  const cached = upToDate(dir, entryPath);
  if (cached) {
    try {
      utimesSync(cached, new Date(), new Date());
    } catch {
      // Removed meanwhile: bundle again below.
    }
    if (existsSync(cached)) return pathToFileURL(cached).href;
  }
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [moduleUrls],
    logLevel: 'silent',
    legalComments: 'none',
    metafile: true,
    absWorkingDir: root,
  });
  const js = out.outputFiles[0];
  if (!js) throw new Error('esbuild produced no bundle of the sweep worker');
  const file = join(dir, `${PREFIX}${createHash('sha256').update(js.contents).digest('hex').slice(0, 16)}.mjs`);
  try {
    makeDirs(dir);
    if (existsSync(file)) utimesSync(file, new Date(), new Date());
    else writeAtomic(file, js.text);
    const inputs = Object.fromEntries(Object.keys(out.metafile.inputs).map((p) => [resolve(root, p), stamp(resolve(root, p))]));
    const manifest: Manifest = { entry: entryPath, bundle: basename(file), inputs };
    writeAtomic(join(dir, MANIFEST), JSON.stringify(manifest));
    removeStale(dir, file);
  } catch {
    return null;
  }
  return pathToFileURL(file).href;
}

function removeStale(dir: string, keep: string): void {
  const now = Date.now();
  for (const n of readdirSync(dir)) {
    const path = join(dir, n);
    if (!n.startsWith(PREFIX) || path === keep) continue;
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Removed by a sweep running at the same time.
    }
  }
}
