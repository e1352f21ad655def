/**
 * Device registry: a new memristor model is one file plus one line here.
 * Each entry pairs a model with its default (calibrated) preset.
 */
import type { CompiledDevice, DeviceModel } from './types.ts';
import { mose2Model, type Mose2Params } from './mose2.ts';
import { mose2Preset } from './presets/mose2.ts';

export interface DeviceEntry<P = unknown> {
  readonly model: DeviceModel<P>;
  readonly preset: P;
}

export const devices = {
  mose2: { model: mose2Model, preset: mose2Preset } as DeviceEntry<Mose2Params>,
} as const;

export type DeviceName = keyof typeof devices;

export function compileDevice(name: string, params?: unknown): CompiledDevice {
  const entry = (devices as Record<string, DeviceEntry>)[name];
  if (!entry) throw new Error(`unknown device model "${name}"; known: ${Object.keys(devices).join(', ')}`);
  return entry.model.compile(params ?? entry.preset);
}
