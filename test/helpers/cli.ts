/** Runs the real `memspike` command line (bin/memspike.js) in a folder and collects its output. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `onStart` receives a function that sends the running process a signal; `nodeArgs` go to node before the script. */
export function runCli(
  args: readonly string[],
  cwd: string,
  onStart?: (kill: (s: NodeJS.Signals) => void) => void,
  opts: { nodeArgs?: readonly string[]; env?: Readonly<Record<string, string>> } = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(REPO, 'bin/memspike.js'), ...args], { cwd, env: { ...process.env, MEMSPIKE_DEBUG: '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    onStart?.((s) => child.kill(s));
  });
}
