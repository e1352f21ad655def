/**
 * Fitting the device model to measured pulse responses: data simulated on a
 * known device (the built-in preset with four parameters changed by 20-30 %,
 * 1.5 % noise) is fitted back from the unperturbed preset; malformed data
 * gets errors naming file, line and column; the written preset runs a
 * memristor projection named by its path.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { devices, registerPresetFile, getDevice } from '../../src/devices/registry.ts';
import { mose2Model, type Mose2Params } from '../../src/devices/mose2.ts';
import { parseMeasuredCsv } from '../../src/devices/calibrate/data-csv.ts';
import { fitCurves, parseProtocol } from '../../src/devices/calibrate/data-protocol.ts';
import { fitData, simulateCurves, curveFits } from '../../src/devices/calibrate/data-fit.ts';
import { EXAMPLE_PERTURBATION, exampleCsv, perturb } from '../../src/devices/calibrate/data-example.ts';
import { getParam } from '../../src/devices/calibrate/space.ts';
import { Network, SpikeRecorder } from '../../src/network/index.ts';

const repo = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'memspike-fit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const preset = devices.mose2.preset;
const truth = perturb(preset, EXAMPLE_PERTURBATION);
const csv = exampleCsv(preset);
const logErr = (p: Mose2Params, k: string): number => Math.abs(Math.log(getParam(p, k) / getParam(truth, k)));

describe('fit to measured data: synthetic round trip', () => {
  const curves = fitCurves(parseMeasuredCsv(csv, 'measured-ltp.csv'));
  const fit = fitData(curves, { seed: 1, iterations: 3000, start: preset });

  it('the example file is the generator output', () => {
    expect(readFileSync(join(repo, 'examples/measured-ltp.csv'), 'utf8')).toBe(csv);
  });

  it('fits every curve to within 3 % RMS relative residual (noise 1.5 %), where the start misses', () => {
    const startFits = curveFits(curves, simulateCurves(mose2Model.compile(preset), curves));
    expect(Math.max(...startFits.map((c) => c.rmsRelResidual))).toBeGreaterThan(0.05);
    for (const c of fit.curves) {
      expect(c.rmsRelResidual, c.curve).toBeLessThan(0.03);
      // Not below the noise either: the fit does not chase it.
      expect(c.rmsRelResidual, c.curve).toBeGreaterThan(0.01);
    }
    expect(fit.objective).toBeLessThan(fit.startObjective / 5);
  });

  it('moves the perturbed parameters toward their true values', () => {
    // Identifiable from these trains: the pristine conductance (first pulses) and the
    // fast relaxation (the spaced train against the dense one) within 10 %.
    for (const k of ['baseConductanceS', 'fast.tauS']) {
      expect(logErr(preset, k), k).toBeGreaterThan(0.18);
      expect(logErr(fit.params, k), k).toBeLessThan(Math.log(1.1));
    }
    // Weight and rate of the slow integrator trade against each other until the
    // long 4 V train saturates it: each at least 40 % of the way to its true value.
    for (const k of ['slow.weightS', 'slow.potRateRefPerS']) expect(logErr(fit.params, k), k).toBeLessThan(0.6 * logErr(preset, k));
    // Trains of positive pulses say nothing of depression: those rates are held.
    expect(fit.held).toEqual(['fast.depRateRefPerS', 'medium.depRateRefPerS', 'slow.depRateRefPerS', 'fastHigh.depRateRefPerS']);
  });

  it('reads conductance at the read bias as I / V there (closed form on a sub-threshold train)', () => {
    const data = parseMeasuredCsv('curve,pulse,g_S\nread,1,3e-9\nread,2,3e-9\n', 'g.csv');
    const [c] = fitCurves(data, parseProtocol('{"curves": {"read": {"amplitudeV": 0.15, "widthS": 0.05, "intervalS": 1, "count": 2, "readAt": "read-bias", "readV": 0.1}}}', 'p.json'), 'p.json');
    const [g] = simulateCurves(mose2Model.compile(preset), [c]);
    const b = preset.conductionBetaPerV;
    // Below the 0.18 V threshold nothing moves: G = G0, and I / V = G0 sinh(0.1 b) / (0.1 b).
    for (const v of g) expect(v).toBeCloseTo((preset.baseConductanceS * Math.sinh(0.1 * b)) / (0.1 * b), 22);
  });

  it('scales a start of another size to the data first: all conductances by one closed-form factor', () => {
    const small = perturb(preset, { baseConductanceS: 0.1, 'fast.weightS': 0.1, 'medium.weightS': 0.1, 'slow.weightS': 0.1, 'fastHigh.weightS': 0.1 });
    const r = fitData(curves, { seed: 1, iterations: 1, start: small });
    expect(r.conductanceScale).toBeGreaterThan(9);
    expect(r.conductanceScale).toBeLessThan(12);
    expect(r.objective).toBeLessThan(0.05);
  });

  it('is deterministic for a seed', () => {
    const a = fitData(curves, { seed: 5, iterations: 200, start: preset });
    const b = fitData(curves, { seed: 5, iterations: 200, start: preset });
    expect(b.params).toEqual(a.params);
    expect(b.objective).toBe(a.objective);
  });
});

describe('measured data and protocol validation', () => {
  const bad = (text: string) => () => parseMeasuredCsv(text, 'm.csv');
  const H = 'curve,pulse,t_s,v_V,width_s,i_A';
  it('names the file, line and column of each fault', () => {
    expect(bad('curve,t_s,v_V,width_s,i_A\na,0,3,0.05,1e-8\n')).toThrow('m.csv: line 1, column "pulse": missing column');
    expect(bad('curve,pulse,t_s,v_V,width_s\na,1,0,3,0.05\n')).toThrow('m.csv: line 1, column "i_A": missing column: the measured response');
    expect(bad('curve,pulse,t_s,width_s,i_A\na,1,0,0.05,1e-8\n')).toThrow('m.csv: line 1, column "v_V": missing column: t_s, v_V and width_s come together');
    expect(bad(`# c\n${H}\na,1,0,3,0.05,1e-8\na,2,0.1,3,0.05,12nA\n`)).toThrow('m.csv: line 4, column "i_A": expected a number, got "12nA"');
    expect(bad(`${H}\na,1,0,3,0.05,1e-8\na,2,0.1,x,0.05,1e-8\n`)).toThrow('m.csv: line 3, column "v_V": expected a number, got "x"');
    expect(bad(`${H}\na,1,0.2,3,0.05,1e-8\na,2,0.1,3,0.05,1e-8\n`)).toThrow('m.csv: line 3, column "t_s": times of curve "a" must increase: 0.1 s after 0.2 s (line 2)');
    expect(bad(`${H}\na,1,0,3,0.05,1e-8\na,2,0.03,3,0.05,1e-8\n`)).toThrow('line 3, column "t_s": pulse starts at 0.03 s, before the previous pulse of curve "a" ends');
    expect(bad(`${H}\na,2,0,3,0.05,1e-8\na,1,0.1,3,0.05,1e-8\n`)).toThrow('m.csv: line 3, column "pulse": pulse numbers of curve "a" must increase');
    expect(bad(`${H}\n`)).toThrow('m.csv: line 1: no data rows after the header');
    expect(bad(`${H}\n,1,0,3,0.05,1e-8\n`)).toThrow('m.csv: line 2, column "curve": empty curve name');
    expect(bad(`${H}\na,1,0,3,0.05\n`)).toThrow('m.csv: line 2: expected 6 cells');
    expect(bad(`${H}\na,1,0,3,0.05,0\n`)).toThrow('line 2, column "i_A": a measured response of 0 cannot be fitted');
    expect(bad(`curve,pulse,i_A,volts\na,1,1e-8,3\n`)).toThrow('m.csv: line 1, column "volts": unknown column');
  });

  it('builds curves from a protocol and refuses what does not fit together', () => {
    const data = parseMeasuredCsv('curve,pulse,i_A\nltp,1,1e-8\nltp,3,1.2e-8\nltd,2,-9e-9\n', 'd.csv');
    const proto = parseProtocol(JSON.stringify({ curves: { ltp: { amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 3, restS: 1 }, ltd: { amplitudeV: -3, widthS: 0.05, intervalS: 0.05, count: 2, after: 'ltp' } } }), 'p.json');
    const curves = fitCurves(data, proto, 'p.json');
    expect(curves[0].pulses.map((p) => p.tStartS)).toEqual([1, 1.1, 1 + 2 * 0.1]);
    expect(Array.from(curves[0].measuredAt)).toEqual([0, 2]);
    expect(curves[1].after).toBe(0);
    // The depression curve starts from the potentiated state: its current is below the last LTP one.
    const sim = simulateCurves(mose2Model.compile(preset), curves);
    expect(-sim[1][0]).toBeLessThan(sim[0][1]);
    const withCurve = (c: object) => parseProtocol(JSON.stringify({ curves: { ltp: { amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 3 }, ltd: { amplitudeV: -3, widthS: 0.05, intervalS: 0.05, count: 2 }, ...c } }), 'p.json');
    expect(() => fitCurves(data, withCurve({ ltx: { count: 2 } }), 'p.json')).toThrow('p.json: $.curves["ltx"]: unknown curve: d.csv has no rows of it (its curves: ltp, ltd)');
    expect(() => fitCurves(data, withCurve({ ltd: { amplitudeV: -3, widthS: 0.05, count: 2 } }), 'p.json')).toThrow('p.json: $.curves["ltd"].intervalS: missing');
    expect(() => fitCurves(data, withCurve({ ltp: { amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 2 } }), 'p.json')).toThrow('d.csv: line 3, column "pulse": pulse 3 of curve "ltp" is beyond the protocol\'s 2 pulses');
    expect(() => fitCurves(data, withCurve({ ltp: { amplitudeV: 3, widthS: 0.05, intervalS: 0.05, count: 3, after: 'ltd' } }), 'p.json')).toThrow('$.curves["ltp"].after: "ltd" is not a curve before "ltp"');
    expect(() => fitCurves(data)).toThrow('d.csv: line 2, column "curve": curve "ltp" has no pulse train');
    expect(() => parseProtocol('{"curves": {"a": {"widthS": -1}}}', 'p.json')).toThrow('p.json: $.curves["a"].widthS: expected a width > 0 (s), got -1');
    expect(() => parseProtocol('{"curves": {"a": {"readAt": "end"}}}', 'p.json')).toThrow('$.curves["a"].readAt: expected "pulse-end" or "read-bias"');
  });
});

describe('memspike calibrate --data', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(repo, 'bin/memspike.js'), 'calibrate', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MEMSPIKE_DEBUG: '' } });
  const data = join(root, 'measured.csv');
  writeFileSync(data, csv);

  it('writes a preset that loads through the registry and runs a memristor projection named by its path', () => {
    const out = join(root, 'my-device.json');
    const r = cli(['--data', data, '--out', out, '--iterations', '1500', '--seed', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/estimate .* device steps/);
    expect(existsSync(join(root, 'my-device.svg')) && existsSync(join(root, 'my-device.fit.csv'))).toBe(true);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.calibration.curves.map((c: { curve: string }) => c.curve)).toEqual(['ltp-3V', 'ltp-4V', 'spaced-3V', 'long-4V']);
    for (const c of file.calibration.curves) expect(c.rmsRelResidual).toBeLessThan(0.03);
    expect(readFileSync(join(root, 'my-device.svg'), 'utf8')).toMatch(/ltp-3V<\/text>[^]*fit, RMS 1\.\d %/);
    const name = registerPresetFile(out);
    expect(getDevice('my-device').preset).toEqual(getDevice(name).preset);
    // A memristor projection names the file by its path: its synapse starts at the fitted pristine conductance.
    const run = (device?: string) => {
      const net = new Network({
        durationS: 0.3,
        seed: 1,
        populations: [
          { name: 'A', model: 'lif', size: 1, params: { restV: -0.04 } },
          { name: 'B', model: 'lif', size: 1 },
        ],
        projections: [{ name: 'AB', from: 'A', to: 'B', connectivity: { kind: 'one-to-one' }, synapse: { kind: 'memristor', amplitudeV: 3, widthS: 0.05, gain: 1e5, ...(device ? { device } : {}) }, delayS: 0.001 }],
        probes: [{ kind: 'synapse', projection: 'AB', synapses: [0], variable: 'conductance', intervalS: 0.1 }],
      });
      const rec = new SpikeRecorder();
      net.attach(rec);
      net.run();
      return rec.probe(0)[1];
    };
    const mine = run(out);
    const base = run();
    const fitted = getDevice(out).preset as Mose2Params;
    expect(fitted.baseConductanceS).toBe(file.parameters.baseConductanceS.value);
    expect(mine[0]).toBeCloseTo(fitted.baseConductanceS, 20);
    expect(base[0]).toBeCloseTo(preset.baseConductanceS, 20);
    // The true device's pristine conductance is 1.2 x the built-in one; the fit found it.
    expect(mine[0] / base[0]).toBeGreaterThan(1.1);
  });

  it('checks the output and the budget before the search', () => {
    writeFileSync(join(root, 'plain-file'), 'x');
    const r = cli(['--data', data, '--out', join(root, 'plain-file', 'dev.json')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/output directory .*plain-file" is not writable/);
    expect(r.stderr).not.toMatch(/fit: done/);
    const big = cli(['--data', data, '--out', join(root, 'big.json'), '--iterations', '10000000']);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/the fit would take .* device steps .* over the budget .*pass --force/);
    const unsorted = join(root, 'unsorted.csv');
    writeFileSync(unsorted, 'curve,pulse,t_s,v_V,width_s,i_A\na,1,0.5,3,0.05,1e-8\na,2,0.1,3,0.05,1e-8\n');
    const u = cli(['--data', unsorted]);
    expect(u.status).not.toBe(0);
    expect(u.stderr.trim()).toMatch(/^memspike: error: .*unsorted\.csv: line 3, column "t_s": times of curve "a" must increase/);
  });
});
