/**
 * The "memristor_read" synapse kind: one device per synapse used as a stored
 * weight, read below threshold. A presynaptic spike reads the device at the
 * read bias (readV, default 0 V), which does not disturb it, and delivers
 *   input = inputAtGMax * G(t) / gMaxS
 * (G the device conductance, brought forward exactly at the read bias). The
 * weight changes only through programming pulses (a learning rule, see
 * src/plasticity/projection.ts), which take no time on the network clock.
 * gMinS and gMaxS (w = 0 and w = 1) and the pulse steps are measured from the
 * device at build time (src/plasticity/memristive-weights.ts), and every
 * device starts programmed to initialWeight. Device state in double precision.
 */
import { DEFAULT_DEVICE, compileDeviceFor, devicePresetNames, hasDevicePreset } from '../network/devices.ts';
import { MemristiveWeights, type ProgrammingPulse } from '../plasticity/memristive-weights.ts';
import type { SynapseKind } from './types.ts';

export interface MemristorReadSynapseDesc {
  readonly kind: 'memristor_read';
  readonly device?: string;
  /** Full parameter set of the preset's model (e.g. a control device); default the preset's. */
  readonly deviceParams?: unknown;
  /** Input a spike delivers through a device at gMaxS (for a LIF: V). */
  readonly inputAtGMax: number;
  readonly readV?: number;
  readonly potentiation: ProgrammingPulse;
  readonly depression: ProgrammingPulse;
  readonly initialWeight: number;
  readonly programming?: 'open-loop' | 'state-aware';
  readonly maxPulsesPerEvent?: number;
}

export const memristorReadSynapse: SynapseKind<MemristorReadSynapseDesc> = {
  description: 'memristor per synapse read below threshold: input = inputAtGMax * G / gMax; programmed by pulses',
  validate(where, s, _count, c) {
    if (s.device !== undefined && (typeof s.device !== 'string' || !hasDevicePreset(s.device))) {
      c.fail(`${where}.device`, `unknown device preset "${String(s.device)}"; known: ${devicePresetNames().join(', ')}`);
    }
    c.finite(`${where}.inputAtGMax`, s.inputAtGMax);
    if (s.readV !== undefined) c.finite(`${where}.readV`, s.readV);
    for (const k of ['potentiation', 'depression'] as const) {
      const p = s[k];
      if (!p || typeof p !== 'object') c.fail(`${where}.${k}`, 'expected { amplitudeV, widthS }');
      c.finite(`${where}.${k}.amplitudeV`, p.amplitudeV);
      c.finite(`${where}.${k}.widthS`, p.widthS, Number.MIN_VALUE);
    }
    c.finite(`${where}.initialWeight`, s.initialWeight, 0, 1);
    if (s.programming !== undefined && s.programming !== 'open-loop' && s.programming !== 'state-aware') c.fail(`${where}.programming`, 'expected "open-loop" or "state-aware"');
    if (s.maxPulsesPerEvent !== undefined) c.finite(`${where}.maxPulsesPerEvent`, s.maxPulsesPerEvent, 1);
  },
  build(s, ctx) {
    const device = compileDeviceFor(s.device ?? DEFAULT_DEVICE, s.deviceParams);
    const memristors = new MemristiveWeights({
      device,
      synapses: ctx.count,
      potentiation: s.potentiation,
      depression: s.depression,
      readV: s.readV,
      initialWeight: s.initialWeight,
      programming: s.programming,
      maxPulsesPerEvent: s.maxPulsesPerEvent,
      inputAtGMax: s.inputAtGMax,
    });
    return { uniformWeight: NaN, weights: null, memristors };
  },
};
