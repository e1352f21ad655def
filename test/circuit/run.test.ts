/**
 * `memspike run <circuit file>`: the outputs (CSV tables, figures,
 * summary.json of figures), byte-identical reruns for a seed, --seed and
 * --set, a TypeScript module as a circuit, errors with nothing written, and
 * the budget refusal before anything starts.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'memspike-circuit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, root);
}

const circuit = {
  description: 'a grid of LIF afferents onto a 2 x 2 layer through memristor synapses',
  durationS: 0.3,
  seed: 2,
  populations: [
    { name: 'in', model: 'lif', size: 16, grid: { width: 4, height: 4 }, initial: { V: { uniform: [-0.07, -0.055] } } },
    { name: 'out', model: 'lif', size: 4, grid: { width: 2, height: 2 } },
  ],
  projections: [
    { name: 'in->out', from: 'in', to: 'out', connectivity: { kind: 'receptive-field', radius: 1.5, stride: 2 }, synapse: { kind: 'memristor', amplitudeV: 1.5, widthS: 0.001, gain: 1e9 }, delayS: 0.001 },
  ],
  stimuli: [{ name: 'press', kind: 'spot', population: 'in', cx: 1, cy: 1, radius: 1.5, waveform: { kind: 'sweep', fromV: 1e-10, toV: 4e-10, steps: 3, widthS: 0.05, intervalS: 0.05, startS: 0.05 } }],
  probes: [
    { kind: 'neuron', population: 'out', neurons: [0, 3], variable: 'V', intervalS: 0.002 },
    { kind: 'synapse', projection: 'in->out', synapses: [0, 1], variable: 'conductance', intervalS: 0.01 },
  ],
  protocol: { phases: [{ name: 'press', startS: 0.05, endS: 0.3 }] },
};
const file = join(root, 'my-circuit.json');
writeFileSync(file, JSON.stringify(circuit));

const read = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('memspike run <circuit file>', () => {
  it('writes the tables, figures and a summary of figures; a rerun is byte-identical', async () => {
    const r = await cli(['run', file, '--out', join(root, 'a')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/FIG {3}spikes of "out": \d+ spikes/);
    const a = read(join(root, 'a', 'my-circuit'));
    for (const f of ['spikes.csv', 'states.csv', 'probes.csv', 'summary.json', 'my-circuit-raster.svg', 'my-circuit-probe-0.svg', 'my-circuit-probe-1.svg', 'my-circuit-in-spike-map.svg']) expect(a[f], f).toBeDefined();
    const s = JSON.parse(a['summary.json']);
    expect(s.seed).toBe(2);
    expect(s.metrics.every((m: { kind: string }) => m.kind === 'figure')).toBe(true);
    const outSpikes = s.metrics.find((m: { name: string }) => m.name === 'spikes of "out"').simulated;
    expect(outSpikes).toBeGreaterThan(0);
    // The CSV holds the same spikes as the summary counts (out = global 16..19).
    const rows = a['spikes.csv'].trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(rows.filter((g) => g >= 16).length).toBe(outSpikes);
    // Probe channels: 2 neurons + 2 synapses, 151 + 31 samples each.
    const channels = a['probes.csv'].trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect([0, 1, 2, 3].map((c) => channels.filter((x) => x === c).length)).toEqual([151, 151, 31, 31]);
    const r2 = await cli(['run', file, '--out', join(root, 'b')]);
    expect(r2.code).toBe(0);
    expect(read(join(root, 'b', 'my-circuit'))).toEqual(a);
  });

  it('--seed and --set change the run; the summary records them', async () => {
    const r = await cli(['run', file, '--out', join(root, 'c'), '--seed', '9', '--set', 'stimuli.press.waveform.toV=0']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(root, 'c', 'my-circuit', 'summary.json'), 'utf8'));
    expect(s.seed).toBe(9);
    expect(s.notes[0]).toBe('Overrides: --set stimuli.press.waveform.toV=0.');
    const a = JSON.parse(readFileSync(join(root, 'a', 'my-circuit', 'summary.json'), 'utf8'));
    const count = (x: typeof s) => x.metrics.find((m: { name: string }) => m.name === 'spikes of "in" during "press" (0.05-0.3 s)').simulated;
    expect(count(s)).toBeLessThan(count(a));
  });

  it('a TypeScript module whose default export is the circuit runs the same', async () => {
    const ts = join(root, 'my-circuit-ts.ts');
    writeFileSync(ts, `const circuit = ${JSON.stringify(circuit)};\nexport default circuit;\n`);
    const r = await cli(['run', ts, '--out', join(root, 'd')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'd', 'my-circuit-ts', 'spikes.csv'), 'utf8')).toBe(readFileSync(join(root, 'a', 'my-circuit', 'spikes.csv'), 'utf8'));
  });

  it('bad input: every problem named with file and JSON path, exit 2, nothing written', async () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...circuit, durationS: -1, populations: [{ ...circuit.populations[0], size: 'big' }, circuit.populations[1]] }));
    const r = await cli(['run', bad, '--out', join(root, 'e')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `memspike: error: ${bad}: durationS: Too small: expected number to be >0`,
      `memspike: error: ${bad}: populations.0.size: Invalid input: expected number, received string`,
    ]);
    expect(existsSync(join(root, 'e'))).toBe(false);
    const r2 = await cli(['run', file, '--out', join(root, 'e'), '--set', 'populations.skin.size=4']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--set populations\.skin: no element named "skin" \(names: in, out\)/);
  });

  it('refuses a run over the budget before it starts, naming the estimate', async () => {
    const r = await cli(['run', file, '--out', join(root, 'f'), '--set', 'durationS=1e7']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/would need .* events \(budget 2\.00e\+3 M\)|would need .*events/);
    expect(existsSync(join(root, 'f', 'my-circuit'))).toBe(false);
  });
});

describe('memspike schema', () => {
  it('prints the JSON Schema of circuit files', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.title).toBe('memspike circuit');
    expect(schema.required).toEqual(expect.arrayContaining(['durationS', 'seed', 'populations']));
  });
});
