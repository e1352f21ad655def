/**
 * Builds the installable package into dist/ (run by `npm pack` through the
 * `prepack` script; `npm run build` alone works too).
 *
 * dist/ mirrors the repository: src/ and scenarios/ compile to dist/src and
 * dist/scenarios (JavaScript + .d.ts, `.ts` import specifiers rewritten to
 * `.js`), and the files the code finds relative to its own module URL sit at
 * the same relative place: dist/data (data sets), dist/viewer (the page), and
 * every non-TypeScript file under src/ and scenarios/ (JSON presets, READMEs,
 * worker shims), and dist/package.json (name, version, module type) standing
 * for the manifest at the root. So `new URL('../../data/x', import.meta.url)`
 * means the same file in the repository and in the installed package. A
 * folder at the root that modules read this way goes into ROOT_ASSET_DIRS.
 * A worker or module loaded by URL must be named with the running module's own
 * extension (`extname(fileURLToPath(import.meta.url))`: .ts under tsx, .js here),
 * since only import specifiers are rewritten.
 *
 * The page's TypeScript imports modules from src/ (the wire protocol); the
 * package ships no TypeScript, so the page is bundled here and dist/viewer/main.ts
 * holds that bundle: plain ESM JavaScript with no imports, which the server's
 * own bundling step at start-up takes as it is.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
/** Top-level folders the modules read relative to their own URL (copied when present). */
const ROOT_ASSET_DIRS = ['data', 'circuits'];

/** Copies every file under `dir` whose name does not end in .ts, keeping its path relative to the root. */
function copyAssets(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) n += copyAssets(path);
    else if (!name.endsWith('.ts')) {
      const target = join(dist, relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
      n++;
    }
  }
  return n;
}

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

  let assets = copyAssets(join(root, 'src')) + copyAssets(join(root, 'scenarios'));
  for (const dir of ROOT_ASSET_DIRS) {
    if (existsSync(join(root, dir))) cpSync(join(root, dir), join(dist, dir), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; type: string };
  const stand = { name: manifest.name, version: manifest.version, type: manifest.type, private: true, description: 'compiled modules of memspike; the package manifest is ../package.json' };
  writeFileSync(join(dist, 'package.json'), `${JSON.stringify(stand, null, 2)}\n`);

  const viewer = join(dist, 'viewer');
  mkdirSync(viewer, { recursive: true });
  const out = await build({
    entryPoints: [join(root, 'viewer', 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    minify: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const js = out.outputFiles[0];
  if (!js) throw new Error('build: esbuild produced no viewer bundle');
  writeFileSync(join(viewer, 'main.ts'), js.contents);
  for (const name of readdirSync(join(root, 'viewer'))) {
    if (!name.endsWith('.ts') && !name.endsWith('.md')) cpSync(join(root, 'viewer', name), join(viewer, name));
  }
  if (!existsSync(join(dist, 'src', 'index.js'))) throw new Error('build: dist/src/index.js missing');
  assets += readdirSync(viewer).length;
  process.stdout.write(`build: dist/ written (${assets} asset files besides the compiled modules)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`build: error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
