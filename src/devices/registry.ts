/**
 * Device registry: model x preset. A model (equations, state layout, the
 * units of its parameters) is code, registered once in MODELS; a preset (one
 * parameter set of a model) is data: a JSON file (./preset-json.ts) that
 * `memspike calibrate` writes. A new model is one file plus one line in
 * MODELS; a new preset is one JSON file plus one line in BUILT_IN_PRESETS, or
 * `registerPresetFile(path)` at run time (a circuit file names
 * `"device": "./my-device.json"`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompiledDevice, DeviceModel } from './types.ts';
import { mose2Model, type Mose2Params } from './mose2.ts';
import { parsePresetJson, type PresetFile } from './preset-json.ts';

export interface DeviceEntry<P = unknown> {
  readonly model: DeviceModel<P>;
  readonly preset: P;
  /** Where the preset came from (a JSON file path). */
  readonly source: string;
  readonly description: string;
}

const MODELS: Readonly<Record<string, DeviceModel<never>>> = {
  mose2: mose2Model as DeviceModel<never>,
};

/** JSON files of the built-in presets, relative to this folder. */
const BUILT_IN_PRESETS: readonly string[] = ['presets/mose2.json'];

export const DEFAULT_DEVICE = 'mose2';

const registered = new Map<string, DeviceEntry>();

export function deviceModel(name: string): DeviceModel<unknown> | undefined {
  return MODELS[name] as DeviceModel<unknown> | undefined;
}

/** Parses and validates a preset file's text against its model's parameters. */
export function parsePreset(text: string, file: string): PresetFile {
  return parsePresetJson(text, file, (m) => MODELS[m]?.parameters);
}

/** Registers a parsed preset under `name` (default: the file's own name). Re-registering a name replaces it. */
export function registerPreset(preset: PresetFile, source: string, name: string = preset.name): DeviceEntry {
  const model = MODELS[preset.model] as DeviceModel<unknown>;
  if (!model) throw new Error(`${source}: unknown device model "${preset.model}"; known: ${Object.keys(MODELS).join(', ')}`);
  const entry: DeviceEntry = { model, preset: preset.params, source, description: preset.description };
  registered.set(name, entry);
  return entry;
}

/**
 * Registers a parameter set of any model, registered in MODELS or not (a
 * model written outside the project, a test device), under `name`.
 */
export function registerModelPreset<P>(name: string, model: DeviceModel<P>, preset: P, source = 'registered at run time', description = ''): DeviceEntry {
  if (typeof name !== 'string' || name === '') throw new Error('device preset: expected a non-empty name');
  if (registered.has(name)) throw new Error(`device preset "${name}" is already registered`);
  model.compile(preset);
  const entry: DeviceEntry = { model: model as DeviceModel<unknown>, preset, source, description };
  registered.set(name, entry);
  return entry;
}

/** Removes a preset registered at run time; the built-in default stays. */
export function unregisterPreset(name: string): void {
  if (name === DEFAULT_DEVICE) throw new Error(`device preset "${name}" is built in`);
  registered.delete(name);
}

/** Whether `name` is registered, or a preset .json path that can be read. */
export function hasDevice(name: string): boolean {
  if (registered.has(name)) return true;
  if (!name.endsWith('.json')) return false;
  try {
    getDevice(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a preset JSON file and registers it under the path as given (so a
 * description naming "./my-device.json" finds it by that name) and under the
 * file's own "name". Returns the name to use.
 */
export function registerPresetFile(path: string): string {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read device preset (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const preset = parsePreset(text, path);
  registerPreset(preset, abs, path);
  registerPreset(preset, abs, preset.name);
  return path;
}

function loadBuiltIns(): void {
  for (const rel of BUILT_IN_PRESETS) {
    const file = new URL(rel, import.meta.url);
    const preset = parsePreset(readFileSync(file, 'utf8'), `src/devices/${rel}`);
    registerPreset(preset, `src/devices/${rel}`);
  }
}
loadBuiltIns();

/** Names of every registered preset. */
export function deviceNames(): string[] {
  return [...registered.keys()];
}

/**
 * The entry registered as `name`; a name ending in ".json" that is not yet
 * registered is read from that path first.
 */
export function getDevice(name: string): DeviceEntry {
  let entry = registered.get(name);
  if (!entry && name.endsWith('.json')) {
    registerPresetFile(name);
    entry = registered.get(name);
  }
  if (!entry) throw new Error(`unknown device "${name}"; known: ${deviceNames().join(', ')} (or a path to a preset .json file)`);
  return entry;
}

export function compileDevice(name: string, params?: unknown): CompiledDevice {
  const entry = getDevice(name);
  return entry.model.compile(params ?? entry.preset);
}

/** The built-in presets by name, typed (read at load time). */
export const devices = {
  get mose2(): DeviceEntry<Mose2Params> {
    return getDevice(DEFAULT_DEVICE) as DeviceEntry<Mose2Params>;
  },
} as const;
