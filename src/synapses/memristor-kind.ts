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
  readonly variation?: { readonly deviceToDevice?: number };
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
      for (const key of Object.keys(s.variation)) if (key !== 'deviceToDevice') c.fail(`${where}.variation.${key}`, 'unknown field; expected deviceToDevice');
      if (s.variation.deviceToDevice !== undefined) c.finite(`${where}.variation.deviceToDevice`, s.variation.deviceToDevice, 0, 1);
    }
  },
  build(s, ctx) {
    const sigma = s.variation?.deviceToDevice ?? 0;
    const name = s.device ?? DEFAULT_DEVICE;
    const memristors =
      sigma > 0
        ? new VariedMemristorSynapses(ctx.count, s, (k) => deviceParamsFor(name, s.deviceParams, sigma, ctx.deviceSeed(k)))
        : new MemristorSynapses(ctx.count, s);
    return { uniformWeight: NaN, weights: null, memristors };
  },
};
