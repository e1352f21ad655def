/** Shared parts of the sweep tests: the memspike CLI as a child process, and a throwaway redis-server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: readonly string[], cwd: string): ChildProcess & { out: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [join(repo, 'bin/memspike.js'), ...args], { cwd, env: { ...process.env, MEMSPIKE_DEBUG: '' } }) as ChildProcess & { out: { stdout: string; stderr: string } };
  child.out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (b) => (child.out.stdout += b));
  child.stderr?.on('data', (b) => (child.out.stderr += b));
  return child;
}

export function exited(child: ChildProcess & { out: { stdout: string; stderr: string } }): Promise<CliResult> {
  return new Promise((done, fail) => {
    if (child.exitCode !== null || child.signalCode !== null) return done({ code: child.exitCode, ...child.out });
    child.on('error', fail);
    child.on('close', (code) => done({ code, ...child.out }));
  });
}

export function cli(args: readonly string[], cwd: string): Promise<CliResult> {
  return exited(spawnCli(args, cwd));
}

/** Resolves when `test()` holds, polling every 50 ms; rejects after timeoutMs. */
export async function until(what: string, test: () => boolean, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** redis-server on a random loopback port, nothing persisted. */
export async function startRedis(): Promise<RedisServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (b) => (log += b));
    const ready = await new Promise<boolean>((done) => {
      const timer = setInterval(() => {
        if (log.includes('Ready to accept connections')) finish(true);
      }, 20);
      const finish = (ok: boolean): void => {
        clearInterval(timer);
        done(ok);
      };
      child.on('exit', () => finish(false));
      setTimeout(() => finish(false), 10_000);
    });
    if (ready) {
      return {
        url: `redis://127.0.0.1:${port}/0`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.on('exit', () => done());
            child.kill('SIGTERM');
          }),
      };
    }
    child.kill('SIGKILL');
    if (attempt >= 3) throw new Error(`redis-server did not start: ${log}`);
  }
}
