/**
 * The package version, read from memspike's package.json: the nearest one
 * above this module, which is the repository root for the TypeScript source
 * (src/) and the package root for the compiled modules (dist/src/).
 */
import { existsSync, readFileSync } from 'node:fs';

let cached: string | null = null;

/** memspike's version, e.g. "0.1.0". */
export function packageVersion(): string {
  if (cached !== null) return cached;
  let dir = new URL('.', import.meta.url);
  for (;;) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'memspike' && typeof pkg.version === 'string') return (cached = pkg.version);
    }
    const up = new URL('..', dir);
    if (up.href === dir.href) throw new Error(`memspike: no package.json named "memspike" above ${import.meta.url}`);
    dir = up;
  }
}

/** memspike's version string, read once at load. */
export const version: string = packageVersion();
