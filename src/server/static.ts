/**
 * The viewer's static files, held in memory: the page's TypeScript is
 * bundled once at server start with esbuild (so page and server share
 * src/server/protocol.ts), d3 comes from the installed package, nothing from
 * the network. Only the fixed routes below are served, so no request path can
 * reach the file system.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const VIEWER_DIR = resolve(here, '../../viewer');

export async function buildViewerFiles(): Promise<Map<string, StaticFile>> {
  const out = await build({
    entryPoints: [join(VIEWER_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    sourcemap: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const js = out.outputFiles[0];
  if (!js) throw new Error('viewer: esbuild produced no bundle');
  const require = createRequire(import.meta.url);
  // d3's entry is <pkg>/src/index.js; the browser build sits in <pkg>/dist.
  const d3Path = join(dirname(require.resolve('d3')), '..', 'dist', 'd3.min.js');
  const files = new Map<string, StaticFile>();
  files.set('/', { body: readFileSync(join(VIEWER_DIR, 'index.html')), contentType: 'text/html; charset=utf-8' });
  files.set('/style.css', { body: readFileSync(join(VIEWER_DIR, 'style.css')), contentType: 'text/css; charset=utf-8' });
  files.set('/app.js', { body: Buffer.from(js.contents), contentType: 'text/javascript; charset=utf-8' });
  files.set('/vendor/d3.min.js', { body: readFileSync(d3Path), contentType: 'text/javascript; charset=utf-8' });
  files.set('/favicon.ico', { body: Buffer.alloc(0), contentType: 'image/x-icon' });
  return files;
}
