export { Kernel, Phase } from './kernel.ts';
export type { EventHandler, KindInfo, StopReason } from './kernel.ts';
export { EventQueue } from './queue.ts';
export { Rng } from './rng.ts';
