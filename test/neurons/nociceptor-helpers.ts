/**
 * Test devices with one state component and closed forms simple enough to
 * check the nociceptor against by hand:
 *   dx/dt = P(V) (1 - x) - x / tau,  P(V) = rate for V >= vOn, else 0
 *   G = g0 + g1 x,  I = G V (ohmic)
 */
import type { CompiledDevice, DeviceModel } from '../../src/devices/types.ts';
import { hasDevicePreset, registerDevicePreset } from '../../src/network/devices.ts';
import { Network, SpikeRecorder } from '../../src/network/index.ts';
import type { Waveform } from '../../src/protocols/waveform.ts';
import { waveformDesc } from '../../scenarios/duan2023/nociceptor-run.ts';

export interface OneComponentSpec {
  g0: number;
  g1: number;
  rate: number;
  vOn: number;
  tauS: number;
}

export function oneComponentDevice(s: OneComponentSpec): CompiledDevice {
  return {
    stride: 1,
    stateLayout: [{ name: 'x', unit: '1', description: 'test component', initial: 0, min: 0, max: 1 }],
    init(state, off) {
      state[off] = 0;
    },
    advance(state, off, vV, dtS) {
      if (!(dtS > 0)) return;
      const p = vV >= s.vOn ? s.rate : 0;
      const b = p + 1 / s.tauS;
      const xi = p / b;
      state[off] = xi + (state[off] - xi) * Math.exp(-b * dtS);
    },
    conductance(state, off) {
      return s.g0 + s.g1 * state[off];
    },
    current(state, off, vV) {
      return (s.g0 + s.g1 * state[off]) * vV;
    },
  };
}

/** A compiled test device as a registered preset (for network populations); returns its name. */
export function registerTestDevice(name: string, device: CompiledDevice): string {
  const model: DeviceModel<Record<string, never>> = { name, description: 'test device', parameters: { leaves: {} }, stateLayout: device.stateLayout, compile: () => device };
  if (!hasDevicePreset(name)) registerDevicePreset(name, model, {});
  return name;
}

export interface NociceptorNetRun {
  readonly net: Network;
  readonly rec: SpikeRecorder;
  readonly onsets: Array<[number, number]>;
}

/** One nociceptor per waveform on the network engine, with the given device preset and parameters. */
export function runNociceptors(device: string, params: Readonly<Record<string, number>>, waveforms: readonly Waveform[], durationS: number): NociceptorNetRun {
  const net = new Network({
    durationS,
    seed: 1,
    populations: [{ name: 'n', model: 'nociceptor', size: waveforms.length, params, device }],
    stimuli: [{ kind: 'per-neuron', population: 'n', waveforms: waveforms.map(waveformDesc) }],
  });
  const rec = new SpikeRecorder();
  const onsets: Array<[number, number]> = [];
  net.attach(rec);
  net.addOnsetListener((t, g) => onsets.push([t, g]));
  net.run();
  return { net, rec, onsets };
}
