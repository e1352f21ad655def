/**
 * Options of a crossbar layer (src/ann/crossbar.ts).
 *
 * Non-idealities (all seeded, all off at 0):
 *   c2cSigma   cycle-to-cycle: each pulse's state change scaled by max(0, 1 + c2cSigma N(0,1))
 *   d2dSigma   device-to-device: each device's conductance swing G - gMin scaled
 *              by a factor max(0, 1 + d2dSigma N(0,1)) drawn once
 *   readNoise  relative read noise: G (1 + readNoise N(0,1)) at every read of the array
 *   levels     limited conductance levels: reads snap to `levels` equally spaced
 *              values in [gMin, gMax] (0 = analog)
 *
 * Mitigations (all off by default; "mitigations on" turns all three on):
 *   accumulate mixed-precision updates (Nandakumar et al. 2018): each weight
 *              keeps the update it is still owed in a digital accumulator;
 *              pulses go out only once it is worth a whole nominal pulse, and
 *              the weight change read after the burst is taken off it, so
 *              sub-pulse updates are not rounded and whatever the device did
 *              not deliver is asked for again;
 *   stepAware  closed-loop (program and verify) bursts: the controller
 *              converts dw into a conductance change and pulses until the
 *              change read after each pulse's rest reaches it; each pulse's
 *              expected size is read off the lasting E4 LTP/LTD curves at the
 *              device's present conductance, and the last, partial pulse is
 *              applied with probability remaining / expected (unbiased);
 *   refresh    a pair whose device is refused a pulse because it sits at the
 *              edge of the window is marked; at refreshPairs() each marked pair
 *              is read, both devices are reset by LTD pulses (stopping at
 *              gMin or where LTD no longer moves them), and the weight is
 *              written back closed-loop onto one device by LTP pulses.
 */

export interface CrossbarOptions {
  /** Weight of a full-window conductance difference. */
  readonly wMax: number;
  readonly c2cSigma: number;
  readonly d2dSigma: number;
  readonly readNoise: number;
  /** 0: analog reads. */
  readonly levels: number;
  readonly maxPulsesPerUpdate: number;
  readonly scheme: UpdateScheme;
  readonly refresh: boolean;
  readonly stepAware: boolean;
  readonly accumulate: boolean;
}

export const UPDATE_SCHEMES = ['bidirectional', 'potentiate'] as const;
export type UpdateScheme = (typeof UPDATE_SCHEMES)[number];

export const DEFAULT_CROSSBAR: Omit<CrossbarOptions, 'wMax'> = {
  c2cSigma: 0,
  d2dSigma: 0,
  readNoise: 0,
  levels: 0,
  maxPulsesPerUpdate: 25,
  scheme: 'bidirectional',
  refresh: false,
  stepAware: false,
  accumulate: false,
};

export interface CrossbarStats {
  pulsesLtp: number;
  pulsesLtd: number;
  /** Pulses refused because the device sat at the top of its window. */
  saturated: number;
  refreshes: number;
}
