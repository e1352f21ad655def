/**
 * The discrete-event kernel. It knows event kinds, phases and handlers, and
 * nothing about memristors or neurons. Components register a handler per
 * event kind once, at build time; scheduling and dispatching an event then
 * allocate nothing.
 *
 * Handlers are called with (target, payload, timeS). `kernel.now` equals the
 * event time during the call. Scheduling into the past is an error.
 */
import { EventQueue } from './queue.ts';
import { Phase } from './phases.ts';

export type EventHandler = (target: number, payload: number, timeS: number) => void;

export interface KindInfo {
  readonly name: string;
  readonly phase: number;
}

export type StopReason = 'until' | 'empty' | 'paused' | 'budget';

export class Kernel {
  /** Simulated time of the event being handled, or of the last stop. */
  now = 0;
  /** Events dispatched since construction or the last reset. */
  eventsDispatched = 0;
  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private readonly kinds: KindInfo[] = [];
  private paused = false;
  /** While run() runs: its time limit and the events it may still dispatch (claim reads them). */
  private horizon = -Infinity;
  private budgetLeft = 0;

  /** Registers an event kind; returns its id for `schedule`. */
  registerKind(name: string, phase: number, handler: EventHandler): number {
    if (!Number.isInteger(phase) || phase < 0 || phase > 255) {
      throw new Error(`kernel: phase of event kind "${name}" must be an integer 0..255, got ${phase}`);
    }
    if (this.kinds.length >= 65535) throw new Error('kernel: too many event kinds');
    this.kinds.push({ name, phase });
    this.handlers.push(handler);
    return this.kinds.length - 1;
  }

  kindInfo(kind: number): KindInfo {
    return this.kinds[kind];
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Time of the next pending event, or Infinity. */
  nextTime(): number {
    const slot = this.queue.peekSlot();
    return slot < 0 ? Infinity : this.queue.timeS[slot];
  }

  schedule(timeS: number, kind: number, target = 0, payload = 0): void {
    this.checkNotPast(timeS, kind);
    this.queue.push(timeS, this.kinds[kind].phase, kind, target, payload);
  }

  /**
   * Takes the sequence number the next scheduled event would get, for an
   * event scheduled later with scheduleReserved: it then ties with other
   * events at its time and phase as if it had been scheduled now. For a
   * component that holds its own pending events in order and keeps only the
   * earliest in the kernel (a network's spikes in flight).
   */
  reserveSeq(): number {
    return this.queue.reserveSeq();
  }

  /** schedule() with a sequence number from reserveSeq (each used once). */
  scheduleReserved(timeS: number, kind: number, target: number, payload: number, seq: number): void {
    this.checkNotPast(timeS, kind);
    this.queue.pushReserved(timeS, this.kinds[kind].phase, kind, target, payload, seq);
  }

  private checkNotPast(timeS: number, kind: number): void {
    if (!(timeS >= this.now)) {
      throw new Error(`kernel: cannot schedule "${this.kinds[kind]?.name ?? kind}" at t=${timeS} s, before now=${this.now} s`);
    }
  }

  /** Dispatches one event. Returns false when the queue is empty. */
  step(): boolean {
    const q = this.queue;
    if (q.length === 0) return false;
    const slot = q.popSlot();
    const t = q.timeS[slot];
    const kind = q.kind[slot];
    const target = q.target[slot];
    const payload = q.payload[slot];
    this.now = t;
    this.eventsDispatched++;
    this.handlers[kind](target, payload, t);
    return true;
  }

  /**
   * Dispatches every event with time <= untilS (or at most maxEvents of them),
   * then sets `now` to untilS if the queue ran dry before it. Stops early when
   * `pause()` is called from a handler or between slices.
   */
  run(untilS: number, maxEvents = Infinity): StopReason {
    this.paused = false;
    this.horizon = untilS;
    this.budgetLeft = maxEvents;
    try {
      return this.loop(untilS);
    } finally {
      this.horizon = -Infinity;
    }
  }

  private loop(untilS: number): StopReason {
    const q = this.queue;
    while (q.length > 0) {
      if (this.paused) return 'paused';
      if (this.budgetLeft <= 0) return 'budget';
      const slot = q.peekSlot();
      if (q.timeS[slot] > untilS) break;
      this.budgetLeft--;
      this.step();
    }
    if (this.paused) return 'paused';
    if (untilS > this.now && untilS !== Infinity) this.now = untilS;
    return q.length === 0 ? 'empty' : 'until';
  }

  /**
   * Lets the running handler go on at time t as if it were the handler of an
   * event at t popped next: allowed when run() is running, t is not past its
   * time limit, the run is neither paused nor out of budget, and every pending
   * event comes strictly after t (so no tie with another event needs the phase
   * rule). The clock moves to t and the step counts as a dispatched event.
   * It saves pushing and popping an event a handler would schedule for itself
   * (a network's next threshold crossing, before any spike in flight arrives).
   */
  claim(t: number): boolean {
    if (this.paused || this.budgetLeft <= 0 || !(t <= this.horizon) || t < this.now || t === Infinity) return false;
    const slot = this.queue.peekSlot();
    if (slot >= 0 && !(t < this.queue.timeS[slot])) return false;
    this.now = t;
    this.eventsDispatched++;
    this.budgetLeft--;
    return true;
  }

  pause(): void {
    this.paused = true;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Empties the queue and rewinds the clock; kinds and handlers stay registered. */
  reset(): void {
    this.queue.clear();
    this.now = 0;
    this.eventsDispatched = 0;
    this.paused = false;
  }
}

export { Phase };
