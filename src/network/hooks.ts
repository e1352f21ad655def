/** What the engine calls back synchronously: spike and onset listeners, learning-rule hooks. */
export type SpikeListener = (tS: number, neuron: number) => void;

/**
 * Learning-rule hooks of one projection (plain methods, called synchronously):
 * after a spike of pre neuron i has been delivered through the projection
 * (phase delivery, at arrival), and when post neuron j fires (phase spike).
 * Indices are local to the populations.
 */
export interface PlasticityHooks {
  delivered(i: number, tS: number): void;
  postSpike(j: number, tS: number): void;
}
/** Called at each onset (time, global neuron index). */
export type OnsetListener = SpikeListener;
