/**
 * Phases order events that fall at the same time. Lower runs first.
 * The rule: inputs change first (stimulus edges), then spikes in flight are
 * delivered, then neurons that reached threshold emit, then learning rules see
 * the spikes of this instant, then recorders read the settled state, and
 * control events (end of run, progress) close the instant.
 */
export const Phase = {
  stimulus: 0,
  delivery: 1,
  spike: 2,
  plasticity: 3,
  record: 4,
  control: 5,
} as const;

export type PhaseName = keyof typeof Phase;
