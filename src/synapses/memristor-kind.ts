/**
 * The "memristor" synapse kind: one device per synapse (memristor.ts), the
 * device preset named by the description (default the registry's), with
 * optional device-to-device variation (varied.ts: one drawn device per
 * synapse, seeded by (network seed, projection, synapse)).
 */
import { DEFAULT_DEVICE, deviceParamsFor, devicePresetNames, hasDevicePreset } from '../network/devices.ts';
import { MemristorSynapses, type MemristorSynapseSpec } from './memristor.ts';
import type { SynapseKind } from './types.ts';
import { VariedMemristorSynapses } from './varied.ts';

export interface MemristorSynapseDesc extends MemristorSynapseSpec {
  readonly kind: 'memristor';
  /** deviceToDevice: relative sigma of the drawn devices; cycleToCycle: of each pulse's state change (cycle-variation.ts). */
  readonly variation?: { readonly deviceToDevice?: number; readonly cycleToCycle?: number };
}

export const memristorSynapse: SynapseKind<MemristorSynapseDesc> = {
  description: 'memristor per synapse: a spike applies a pulse, the input is gain times its charge',
  validate(where, s, _count, c) {
    if (s.device !== undefined && (typeof s.device !== 'string' || !hasDevicePreset(s.device))) {
      c.fail(`${where}.device`, `unknown device preset "${String(s.device)}"; known: ${devicePresetNames().join(', ')}`);
    }
    c.finite(`${where}.amplitudeV`, s.amplitudeV);
    c.finite(`${where}.widthS`, s.widthS, Number.MIN_VALUE);
    c.finite(`${where}.gain`, s.gain);
    if (s.variation !== undefined) {
      if (!s.variation || typeof s.variation !== 'object') c.fail(`${where}.variation`, 'expected { deviceToDevice: relative sigma }');
      for (const key of Object.keys(s.variation)) if (key !== 'deviceToDevice' && key !== 'cycleToCycle') c.fail(`${where}.variation.${key}`, 'unknown field; expected deviceToDevice or cycleToCycle');
      if (s.variation.deviceToDevice !== undefined) c.finite(`${where}.variation.deviceToDevice`, s.variation.deviceToDevice, 0, 1);
      if (s.variation.cycleToCycle !== undefined) c.finite(`${where}.variation.cycleToCycle`, s.variation.cycleToCycle, 0, 1);
    }
  },
  build(s, ctx) {
    const sigma = s.variation?.deviceToDevice ?? 0;
    const name = s.device ?? DEFAULT_DEVICE;
    // Per-pulse draws: their own stream (seed of device index count, past the drawn devices).
    const spec = { ...s, cycleToCycle: s.variation?.cycleToCycle ?? 0, cycleSeed: ctx.deviceSeed(ctx.count) };
    const memristors =
      sigma > 0
        ? new VariedMemristorSynapses(ctx.count, spec, (k) => deviceParamsFor(name, s.deviceParams, sigma, ctx.deviceSeed(k)))
        : new MemristorSynapses(ctx.count, spec);
    return { uniformWeight: NaN, weights: null, memristors };
  },
};
