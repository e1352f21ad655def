/**
 * A live simulation of one or more memristors, each driven by its own
 * piecewise-constant voltage waveform by the one device driver
 * (src/devices/drive.ts, as offline runs). Device scenarios use it for `live()`.
 *
 * Events (registered once at build time; payloads carry indices, so nothing
 * is allocated per event):
 *   edge    (stimulus phase) device d reaches edge i of its waveform: its state
 *           is advanced exactly to the edge at the old voltage (the model's
 *           closed form), then the new level applies; the next edge is scheduled.
 *   sample  (record phase) every sampleIntervalS, at t_k = k * sampleIntervalS
 *           (absolute, no accumulated rounding): each device is advanced to t_k
 *           and its current I = f(state, V) is sent as probe 2d, V as probe 2d+1.
 * When a current threshold is given (e.g. the pain threshold I_nox), device d
 * is also raster row d: it spikes at each edge or sample instant where its
 * current has risen above the threshold (an upward crossing), and reports
 * state 1 ("above") / 0 ("below") changes.
 */
import { Phase } from '../kernel/index.ts';
import { DeviceDriver } from '../devices/drive.ts';
import { compileDeviceFor, DEFAULT_DEVICE } from '../network/devices.ts';
import type { CompiledDevice } from '../devices/types.ts';
import type { Waveform } from '../protocols/waveform.ts';
import type { LiveSimulation, LiveSink, ProbeInfo } from '../sinks/types.ts';

export interface LiveDeviceChannel {
  /** Label of this device's probes, e.g. "2 V train". */
  readonly label: string;
  readonly waveform: Waveform;
}

export interface LiveDeviceSpec {
  readonly channels: readonly LiveDeviceChannel[];
  /** Device model name in the registry (default DEFAULT_DEVICE). */
  readonly model?: string;
  /** Model parameters; default: the registry's calibrated preset. */
  readonly params?: unknown;
  /** Probe sampling interval (s). */
  readonly sampleIntervalS: number;
  /** Simulated duration (s); default: the latest waveform end. */
  readonly durationS?: number;
  /** Current threshold (A) drawn with the current probes and used for crossings. */
  readonly thresholdA?: number;
}

const NULL_SINK: LiveSink = { spike() {}, sample() {}, stateChange() {} };

export const LIVE_DEVICE_STATES = ['below', 'above'] as const;

export function liveDevices(spec: LiveDeviceSpec): LiveSimulation {
  const n = spec.channels.length;
  if (n === 0) throw new Error('live devices: "channels" must hold at least one waveform');
  if (!(spec.sampleIntervalS > 0) || !Number.isFinite(spec.sampleIntervalS)) {
    throw new Error(`live devices: "sampleIntervalS" must be a finite number > 0 s, got ${spec.sampleIntervalS}`);
  }
  if (spec.thresholdA !== undefined && !(spec.thresholdA > 0)) {
    throw new Error(`live devices: "thresholdA" must be > 0 A, got ${spec.thresholdA}`);
  }
  const device: CompiledDevice = compileDeviceFor(spec.model ?? DEFAULT_DEVICE, spec.params);
  const above = new Uint8Array(n);
  const durationS = spec.durationS ?? Math.max(...spec.channels.map((c) => c.waveform.endS));
  if (!(durationS > 0) || !Number.isFinite(durationS)) throw new Error(`live devices: duration must be a finite number > 0 s, got ${durationS}`);
  const dt = spec.sampleIntervalS;
  const threshold = spec.thresholdA ?? Infinity;
  const crossings = spec.thresholdA !== undefined;
  let sink: LiveSink = NULL_SINK;

  // The one device driver (src/devices/drive.ts) runs the edges; this file adds the live probes and crossings.
  const drv = new DeviceDriver(device, spec.channels.map((c) => c.waveform), durationS);
  const kernel = drv.kernel;

  function checkCrossing(d: number, tS: number, currentA: number): void {
    if (!crossings) return;
    const nowAbove = currentA > threshold ? 1 : 0;
    if (nowAbove !== above[d]) {
      sink.stateChange(tS, d, above[d], nowAbove);
      if (nowAbove) sink.spike(tS, d);
      above[d] = nowAbove;
    }
  }

  drv.afterEdge = (d, _i, tS) => checkCrossing(d, tS, drv.current(d));

  const sampleKind = kernel.registerKind('device-sample', Phase.record, (_t, k, tS) => {
    for (let d = 0; d < n; d++) {
      drv.advanceTo(d, tS);
      const iA = drv.current(d);
      sink.sample(tS, 2 * d, iA);
      sink.sample(tS, 2 * d + 1, drv.volts[d]);
      checkCrossing(d, tS, iA);
    }
    const next = (k + 1) * dt;
    if (next <= durationS) kernel.schedule(next, sampleKind, 0, k + 1);
  });
  kernel.schedule(0, sampleKind, 0, 0);

  const probes: ProbeInfo[] = [];
  for (const c of spec.channels) {
    probes.push(spec.thresholdA !== undefined ? { name: `I ${c.label}`, unit: 'A', threshold: spec.thresholdA } : { name: `I ${c.label}`, unit: 'A' });
    probes.push({ name: `V ${c.label}`, unit: 'V' });
  }

  return {
    kernel,
    durationS,
    neurons: crossings ? n : 0,
    probes,
    stateNames: crossings ? [...LIVE_DEVICE_STATES] : [],
    attach(s: LiveSink) {
      sink = s;
    },
  };
}
