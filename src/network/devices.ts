/**
 * The network's one door to the device registry (src/devices/registry.ts):
 * which presets exist, compiling a named preset, one varied device per seed
 * (device-to-device variation, src/devices/variation.ts), and registering a
 * further preset at run time (a user's own fitted device). Populations with
 * a device (nociceptors) and memristor projections name a preset; only this
 * file knows how presets are stored.
 */
import { DEFAULT_DEVICE, deviceNames, getDevice, hasDevice, registerModelPreset, unregisterPreset } from '../devices/registry.ts';
import { mose2Model, type Mose2Params } from '../devices/mose2.ts';
import { varyMose2 } from '../devices/variation.ts';
import type { CompiledDevice, DeviceModel } from '../devices/types.ts';
import { Rng } from '../kernel/rng.ts';

/** The preset used when a description names none. */
export { DEFAULT_DEVICE };

export function devicePresetNames(): string[] {
  return deviceNames();
}

/** Registered, or a preset .json path that reads and validates. */
export function hasDevicePreset(name: string): boolean {
  return hasDevice(name);
}

/** The preset's parameters (data). */
export function devicePreset(name: string): unknown {
  return getDevice(name).preset;
}

/**
 * Registers a device preset: a model and its parameter set, under a new name.
 * The model may be a registered one (a preset of the MoSe2 model fitted to
 * another device) or a new model.
 */
export function registerDevicePreset<P>(name: string, model: DeviceModel<P>, preset: P): void {
  registerModelPreset(name, model, preset);
}

/** Removes a preset registered with registerDevicePreset (tests). */
export function unregisterDevicePreset(name: string): void {
  unregisterPreset(name);
}

/**
 * Compiles preset `name` (or `params` of its model); with sigma > 0 the
 * parameters are one device drawn with that relative spread from `seed`.
 */
export function compileDeviceFor(name: string, params?: unknown, sigma = 0, seed = 0): CompiledDevice {
  return getDevice(name).model.compile(deviceParamsFor(name, params, sigma, seed));
}

/** The parameters of preset `name` (or `params`), one device drawn with relative spread sigma from `seed` when sigma > 0. */
export function deviceParamsFor(name: string, params?: unknown, sigma = 0, seed = 0): unknown {
  const e = getDevice(name);
  const p = params ?? e.preset;
  if (!(sigma > 0)) return p;
  if (e.model !== (mose2Model as DeviceModel<unknown>)) throw new Error(`device preset "${name}": variation is defined for the MoSe2 model only (src/devices/variation.ts)`);
  return varyMose2(p as Mose2Params, new Rng(seed), sigma * 100);
}
