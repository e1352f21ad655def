/**
 * Circuit files: validation errors name the file, the JSON path and what was
 * expected; --set overrides by JSON path (array elements by index or name);
 * circuit-only kinds compile to the network's own; the JSON Schema printed
 * by `memspike schema` comes from the same definition and is the committed
 * circuits/circuit.schema.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CircuitError, prepareCircuit, setPath } from '../../src/circuit/load.ts';
import { compileWaveform, receptiveFieldPairs } from '../../src/circuit/compile.ts';
import { circuitJsonSchema } from '../../src/circuit/schema.ts';
import { estimateNetwork } from '../../src/circuit/scenario.ts';

const base = () => ({
  durationS: 0.2,
  seed: 3,
  populations: [
    { name: 'in', model: 'lif', size: 16, grid: { width: 4, height: 4 } },
    { name: 'out', model: 'lif', size: 4, grid: { width: 2, height: 2 } },
  ],
  projections: [{ name: 'in->out', from: 'in', to: 'out', connectivity: { kind: 'all-to-all' }, synapse: { kind: 'static', weight: 0.002 }, delayS: 0.001 }],
  stimuli: [{ name: 'press', kind: 'uniform', population: 'in', waveform: { kind: 'constant', value: 3e-10 } }],
});

function errorOf(raw: unknown, sets: string[] = []): string {
  try {
    prepareCircuit(raw, 'my-circuit.json', { sets });
  } catch (e) {
    expect(e).toBeInstanceOf(CircuitError);
    return (e as Error).message;
  }
  throw new Error('expected a CircuitError');
}

describe('circuit validation', () => {
  it('a valid circuit compiles to a network description (names stripped, seed kept)', () => {
    const lc = prepareCircuit(base(), 'my-circuit.json');
    expect(lc.name).toBe('my-circuit');
    expect(lc.network.seed).toBe(3);
    expect(lc.network.stimuli).toEqual([{ kind: 'uniform', population: 'in', waveform: { kind: 'constant', value: 3e-10 } }]);
  });

  it('names the file, the JSON path and what was expected, for every problem', () => {
    const c = base() as Record<string, unknown>;
    c.durationS = 'long';
    (c.populations as Array<Record<string, unknown>>)[1].model = 'lfi';
    (c.projections as Array<Record<string, unknown>>)[0].connectivity = { kind: 'sometimes' };
    (c.stimuli as Array<Record<string, unknown>>)[0].colour = 'red';
    const lines = errorOf(c).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('my-circuit.json: durationS: Invalid input: expected number, received string');
    expect(lines[1]).toMatch(/^my-circuit\.json: populations\.1\.model: .*expected one of "lif"\|.*"nociceptor"/);
    expect(lines[2]).toMatch(/^my-circuit\.json: projections\.0\.connectivity\.kind: expected "kind" to be one of "one-to-one", .*"receptive-field"/);
    expect(lines[3]).toBe('my-circuit.json: stimuli.0: unknown field(s) "colour"');
  });

  it('checks device presets against the registry', () => {
    const c = base();
    (c.projections[0] as Record<string, unknown>).synapse = { kind: 'memristor', device: 'pt-mose2-typo', amplitudeV: 1.5, widthS: 1e-3, gain: 1e6 };
    expect(errorOf(c)).toMatch(/^my-circuit\.json: projections\.0\.synapse\.device: expected a registered device preset \(mose2.*\) or a path to a preset \.json file$/);
    (c.projections[0].synapse as Record<string, unknown>).device = './no-such-device.json';
    expect(errorOf(c)).toMatch(/^my-circuit\.json: projections\.0\.synapse\.device: .*no-such-device\.json: cannot read device preset \(ENOENT\)/);
  });

  it("runs the network's own validation after the schema (model parameters, sizes)", () => {
    const c = base();
    (c.populations[0] as Record<string, unknown>).params = { tauMs: 0.02 };
    expect(errorOf(c)).toMatch(/^my-circuit\.json: populations\[0\] "in"\.params\.tauMs: unknown parameter of model "lif"; known: tauMS/);
    expect(errorOf(base(), ['populations.in.size=20'])).toMatch(/^my-circuit\.json: populations\[0\] "in"\.grid: width \* height = 16 does not match size 20/);
  });

  it('--set: numbers, JSON values and strings; array elements by index or by name', () => {
    const lc = prepareCircuit(base(), 'c.json', { sets: ['stimuli.press.waveform.value=5e-10', 'projections.0.delayS=0.002', 'populations.out.grid={"width":4,"height":1}', 'stimuli.0.population=out'] });
    const st = lc.network.stimuli![0] as { population: string; waveform: { value: number } };
    expect(st.waveform.value).toBe(5e-10);
    expect(st.population).toBe('out');
    expect(lc.network.projections![0].delayS).toBe(0.002);
    expect(lc.network.populations[1].grid).toEqual({ width: 4, height: 1 });
    expect(errorOf(base(), ['stimuli.pinch.scale=2'])).toBe('my-circuit.json: --set stimuli.pinch: no element named "pinch" (names: press)');
    expect(errorOf(base(), ['durationS=-1'])).toBe('my-circuit.json: durationS: Too small: expected number to be >0');
    const obj = { a: [{ name: 'x', v: 1 }] };
    setPath(obj, 'a[0].v', 2);
    expect(obj.a[0].v).toBe(2);
  });
});

describe('circuit-only kinds', () => {
  it('a sweep is one pulse per step, amplitudes evenly spaced', () => {
    const w = compileWaveform({ kind: 'sweep', fromV: 1, toV: 4, steps: 4, widthS: 0.1, intervalS: 0.2, startS: 1 });
    expect(w.kind).toBe('points');
    if (w.kind !== 'points') return;
    expect(w.points.map((p) => p[1])).toEqual([1, 0, 2, 0, 3, 0, 4, 0]);
    expect(w.points[6][0]).toBeCloseTo(1 + 3 * 0.3, 12);
    expect(w.pulses!.map((p) => p.level)).toEqual([1, 2, 3, 4]);
  });

  it('a graded spot: pulse width linear from the centre to the rim, nothing outside', () => {
    const c = { ...base(), stimuli: [{ kind: 'graded-spot', population: 'in', cx: 0, cy: 0, radius: 2, amplitudeV: 7, startS: 1, widthS: 2, rimWidthS: 1 }] };
    const st = prepareCircuit(c, 'c.json').network.stimuli![0];
    expect(st.kind).toBe('per-neuron');
    if (st.kind !== 'per-neuron') return;
    expect(st.waveforms[0]).toEqual({ kind: 'points', points: [[1, 7], [3, 0]] }); // centre: widthS
    expect(st.waveforms[2]).toEqual({ kind: 'points', points: [[1, 7], [2, 0]] }); // d = 2 (rim): rimWidthS
    expect(st.waveforms[1]).toEqual({ kind: 'points', points: [[1, 7], [2.5, 0]] }); // d = 1: halfway
    expect(st.waveforms[3]).toEqual({ kind: 'constant', value: 0 }); // d = 3: outside
  });

  it('receptive fields: each target pools the sources within the radius of its centre, fields overlap', () => {
    // 5 x 1 sources, 3 x 1 targets at stride 2 sit on sources 0, 2, 4 (offset (4 - 4) / 2 = 0).
    expect(receptiveFieldPairs({ width: 5, height: 1 }, { width: 3, height: 1 }, 1, 2)).toEqual([[0, 0], [1, 0], [1, 1], [2, 1], [3, 1], [3, 2], [4, 2]]);
    // Centred: 4 x 4 sources, 2 x 2 targets at stride 2 sit at (0.5, 0.5), (2.5, 0.5), ...
    const pairs = receptiveFieldPairs({ width: 4, height: 4 }, { width: 2, height: 2 }, 1, 2);
    expect(pairs.filter(([, j]) => j === 0).map(([i]) => i)).toEqual([0, 1, 4, 5]);
  });
});

describe('schema and estimate', () => {
  it('the committed circuits/circuit.schema.json is what the definition generates', () => {
    const committed = JSON.parse(readFileSync(new URL('../../circuits/circuit.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(circuitJsonSchema());
    const props = (committed as { properties: Record<string, { items?: { properties?: Record<string, { enum?: string[] }> } }> }).properties;
    expect(props.populations.items!.properties!.model.enum).toContain('nociceptor');
  });

  it('the estimate grows with the simulated time and the grid', () => {
    const a = estimateNetwork(prepareCircuit(base(), 'c.json').network);
    const b = estimateNetwork(prepareCircuit(base(), 'c.json', { sets: ['durationS=2'] }).network);
    expect(b.events).toBeGreaterThan(5 * a.events);
  });
});
