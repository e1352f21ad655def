import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEVICE, compileDevice, deviceNames, devices, getDevice, parsePreset, registerPresetFile } from '../../src/devices/registry.ts';
import { learningForgetting } from '../../src/devices/experiments.ts';

const builtIn = readFileSync(new URL('../../src/devices/presets/mose2.json', import.meta.url), 'utf8');

/** A copy of the built-in preset under another name with one value changed. */
function variant(mutate: (j: any) => void): string {
  const j = JSON.parse(builtIn);
  j.name = 'test-variant';
  mutate(j);
  return JSON.stringify(j, null, 2);
}

function tmpFile(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'preset-')), name);
  writeFileSync(p, text);
  return p;
}

describe('device registry (model x preset)', () => {
  it('loads the built-in preset from its JSON file, every parameter with a unit and a comment', () => {
    expect(deviceNames()).toContain(DEFAULT_DEVICE);
    const j = JSON.parse(builtIn);
    for (const [k, v] of Object.entries<any>(j.parameters)) {
      if ('value' in v) expect([k, typeof v.unit, typeof v.comment]).toEqual([k, 'string', 'string']);
      else for (const [f, x] of Object.entries<any>(v)) if (f !== 'comment') expect([k, f, typeof x.unit, typeof x.comment]).toEqual([k, f, 'string', 'string']);
    }
    expect(devices.mose2.preset.slow.tauS).toBe(j.parameters.slow.tauS.value === 'Infinity' ? Infinity : j.parameters.slow.tauS.value);
  });

  it('registers a preset from a JSON file path and runs a protocol on it', () => {
    const path = tmpFile('my-device.json', variant((j) => { j.parameters.baseConductanceS.value *= 3; }));
    const name = registerPresetFile(path);
    expect(getDevice(name).preset).toEqual(getDevice('test-variant').preset);
    const mine = learningForgetting(compileDevice(name));
    const base = learningForgetting(compileDevice(DEFAULT_DEVICE));
    // The tripled base conductance shows in the peak current: the file was really used.
    expect(mine.pulseCurrentA[0][24]).toBeGreaterThan(base.pulseCurrentA[0][24] * 1.05);
    // A ".json" name not yet registered is read on first use.
    const other = tmpFile('other.json', variant((j) => { j.name = 'other'; }));
    expect(compileDevice(other).stride).toBe(5);
  });

  it('rejects a bad preset with the file and JSON path of the fault', () => {
    expect(() => parsePreset(variant((j) => { delete j.parameters.fast.tauS; }), 'f.json')).toThrow('f.json: $.parameters.fast.tauS: missing');
    expect(() => parsePreset(variant((j) => { j.parameters.fast.tauS.value = 'slow'; }), 'f.json')).toThrow('$.parameters.fast.tauS.value: expected a finite number or "Infinity"');
    expect(() => parsePreset(variant((j) => { j.parameters.fast.tauSeconds = { value: 1, unit: 's' }; }), 'f.json')).toThrow('$.parameters.fast.tauSeconds: unknown parameter');
    expect(() => parsePreset(variant((j) => { j.model = 'hfo2'; }), 'f.json')).toThrow('$.model: unknown device model "hfo2"');
    expect(() => parsePreset('{', 'f.json')).toThrow('f.json: $: not valid JSON');
    expect(() => registerPresetFile('/nonexistent/dev.json')).toThrow('/nonexistent/dev.json: cannot read device preset (ENOENT)');
    expect(() => compileDevice('nope')).toThrow(/unknown device "nope"; known: .*mose2/);
  });
});
