#!/usr/bin/env node
// Launcher. In a repository checkout (src/cli.ts present) the CLI runs from its
// TypeScript source through tsx's loader, so no build step is needed; the
// published package ships no TypeScript and runs the JavaScript compiled into
// dist/ at pack time, under plain node.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/src/cli.js');
}
