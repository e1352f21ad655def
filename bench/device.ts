/**
 * Device benchmarks.
 *
 * advance: state updates per second of the compiled MoSe2 model over a flat
 * array of many devices (stride 4), each pulse = one advance at the pulse
 * bias for W then one at the read bias for dt. Two loop orders:
 *   device-major: for each device, all its pulses (the bias changes on every
 *     call, so the model recomputes its rates and decay factors each time);
 *   phase-major: for each pulse phase, all devices (same bias and duration,
 *     so the model's cached decay factors are reused).
 * The second is the optimisation the model's (V, dt) cache is built for; both
 * are printed so the gain stays visible. Measured on the development machine
 * (2 cores shared with other jobs, load 5-9, node 20.20): device-major
 * 3.8-6.7 M advances/s, phase-major 35-64 M advances/s (about 9-10x); the
 * kernel workload below ran at 0.9-2.3 M events/s (2e6 events).
 *
 * kernel: events per second of the event kernel on a pulse-train workload:
 * many devices, each driven by its own staggered pulse train; every edge
 * event brings its device forward to now and switches its bias. A bare run
 * (handler does no device work) separates queue cost from device cost.
 */
import { DEFAULT_DEVICE, compileDevice } from '../src/devices/registry.ts';
import { Kernel, Phase } from '../src/kernel/index.ts';
import { timeBest, type BenchModule, type BenchResult } from './types.ts';

const PULSE_V = 3;
const READ_V = 0.1;
const WIDTH_S = 0.05;
const INTERVAL_S = 0.05;

function advanceDeviceMajor(devices: number, pulses: number): number {
  const dev = compileDevice(DEFAULT_DEVICE);
  const state = new Float64Array(devices * dev.stride);
  return timeBest(() => {
    for (let d = 0; d < devices; d++) dev.init(state, d * dev.stride);
    for (let d = 0; d < devices; d++) {
      const off = d * dev.stride;
      for (let p = 0; p < pulses; p++) {
        dev.advance(state, off, PULSE_V, WIDTH_S);
        dev.advance(state, off, READ_V, INTERVAL_S);
      }
    }
  }, 2);
}

function advancePhaseMajor(devices: number, pulses: number): number {
  const dev = compileDevice(DEFAULT_DEVICE);
  const stride = dev.stride;
  const state = new Float64Array(devices * stride);
  return timeBest(() => {
    for (let d = 0; d < devices; d++) dev.init(state, d * stride);
    for (let p = 0; p < pulses; p++) {
      for (let d = 0; d < devices; d++) dev.advance(state, d * stride, PULSE_V, WIDTH_S);
      for (let d = 0; d < devices; d++) dev.advance(state, d * stride, READ_V, INTERVAL_S);
    }
  }, 2);
}

/** devices x pulses pulse-train edges through the kernel; returns [seconds, events]. */
function kernelPulseTrains(devices: number, pulses: number, withDevice: boolean): [number, number] {
  const dev = compileDevice(DEFAULT_DEVICE);
  const stride = dev.stride;
  const state = new Float64Array(devices * stride);
  const tLast = new Float64Array(devices);
  const vNow = new Float64Array(devices);
  const startS = new Float64Array(devices);
  const period = WIDTH_S + INTERVAL_S;
  const edges = 2 * pulses;
  let events = 0;
  const seconds = timeBest(() => {
    const k = new Kernel();
    const edge = k.registerKind('edge', Phase.stimulus, (d, e, t) => {
      if (withDevice) {
        dev.advance(state, d * stride, vNow[d], t - tLast[d]);
        tLast[d] = t;
      }
      vNow[d] = (e & 1) === 0 ? PULSE_V : READ_V;
      const next = e + 1;
      if (next < edges) k.schedule(startS[d] + (next >> 1) * period + (next & 1) * WIDTH_S, edge, d, next);
    });
    for (let d = 0; d < devices; d++) {
      dev.init(state, d * stride);
      // Staggered starts so events of different devices interleave in the queue.
      startS[d] = (d * period) / devices;
      tLast[d] = 0;
      vNow[d] = READ_V;
      k.schedule(startS[d], edge, d, 0);
    }
    k.run(Infinity);
    events = k.eventsDispatched;
  }, 2);
  return [seconds, events];
}

export const deviceBench: BenchModule = {
  name: 'device',
  description: 'MoSe2 device-state advances over flat arrays; kernel events on pulse-train workloads',
  run() {
    const out: BenchResult[] = [];
    {
      const devices = 100_000;
      const pulses = 5;
      const s = advanceDeviceMajor(devices, pulses);
      out.push({ name: 'device/advance-device-major', value: (devices * pulses * 2) / s, unit: 'advances/s', detail: { devices, pulses, seconds: +s.toFixed(3) } });
    }
    {
      const devices = 1_000_000;
      const pulses = 5;
      const s = advancePhaseMajor(devices, pulses);
      out.push({ name: 'device/advance-phase-major', value: (devices * pulses * 2) / s, unit: 'advances/s', detail: { devices, pulses, seconds: +s.toFixed(3) } });
    }
    for (const withDevice of [false, true]) {
      const devices = 10_000;
      const pulses = 100;
      const [s, events] = kernelPulseTrains(devices, pulses, withDevice);
      out.push({
        name: withDevice ? 'kernel/pulse-trains' : 'kernel/pulse-trains-bare',
        value: events / s,
        unit: 'events/s',
        detail: { devices, pulses, events, seconds: +s.toFixed(3) },
      });
    }
    return out;
  },
};
