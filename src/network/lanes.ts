/**
 * Spikes in flight, held by the network instead of one kernel event each.
 *
 * One first-in-first-out lane per distinct axonal delay: spikes are emitted
 * in time order, so within a lane their arrival times (t + delay, rounding
 * is monotone) and the sequence numbers they took from the kernel at
 * emission both ascend. The earliest spike in flight is the earliest lane
 * head by (time, sequence number), the order the kernel gives events of one
 * phase; the network keeps one kernel event at that head, carrying its
 * sequence number, and delivers the following heads without events while
 * they come before every pending event (Kernel.claim).
 *
 * Per entry: arrival time, sequence number, presynaptic neuron (index in its
 * population) and delivery group. Rings of typed arrays, doubled when full
 * (never in steady state), so pushing and shifting allocate nothing.
 */
export class DeliveryLanes {
  /** Lane of each delivery group. */
  private readonly laneOf: Int32Array;
  private readonly lanes: Lane[];
  /** Entries in all lanes. */
  size = 0;
  /** The earliest entry (valid while size > 0): its lane, arrival time, sequence number, neuron and group. */
  firstLane = -1;
  firstTime = Infinity;
  firstSeq = 0;
  firstPre = 0;
  firstGroup = 0;

  constructor(delayOfGroup: Float64Array) {
    const delays = [...new Set(delayOfGroup)];
    this.laneOf = Int32Array.from(delayOfGroup, (d) => delays.indexOf(d));
    this.lanes = delays.map(() => new Lane());
  }

  push(group: number, timeS: number, seq: number, pre: number): void {
    const l = this.laneOf[group];
    this.lanes[l].push(timeS, seq, pre, group);
    this.size++;
    if (this.size === 1 || timeS < this.firstTime) this.setFirst(l);
  }

  /** Removes the earliest entry (read through the first* fields before). */
  shift(): void {
    this.lanes[this.firstLane].shift();
    this.size--;
    this.findFirst();
  }

  private findFirst(): void {
    if (this.size === 0) {
      this.firstLane = -1;
      this.firstTime = Infinity;
      return;
    }
    const lanes = this.lanes;
    let best = -1;
    let bt = Infinity;
    let bs = Infinity;
    for (let l = 0; l < lanes.length; l++) {
      const a = lanes[l];
      if (a.count === 0) continue;
      const t = a.time[a.head];
      const s = a.seq[a.head];
      if (best < 0 || t < bt || (t === bt && s < bs)) {
        best = l;
        bt = t;
        bs = s;
      }
    }
    this.setFirst(best);
  }

  private setFirst(l: number): void {
    const a = this.lanes[l];
    const h = a.head;
    this.firstLane = l;
    this.firstTime = a.time[h];
    this.firstSeq = a.seq[h];
    this.firstPre = a.pre[h];
    this.firstGroup = a.group[h];
  }
}

class Lane {
  time = new Float64Array(64);
  seq = new Float64Array(64);
  pre = new Int32Array(64);
  group = new Int32Array(64);
  head = 0;
  count = 0;

  push(timeS: number, seq: number, pre: number, group: number): void {
    if (this.count === this.time.length) this.grow();
    const k = (this.head + this.count) & (this.time.length - 1);
    this.time[k] = timeS;
    this.seq[k] = seq;
    this.pre[k] = pre;
    this.group[k] = group;
    this.count++;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.time.length - 1);
    this.count--;
  }

  /** Doubles the ring, entries unrolled from the head. */
  private grow(): void {
    const n = this.time.length;
    const order = (a: Float64Array | Int32Array, b: Float64Array | Int32Array): void => {
      for (let k = 0; k < this.count; k++) b[k] = a[(this.head + k) & (n - 1)];
    };
    const time = new Float64Array(2 * n);
    const seq = new Float64Array(2 * n);
    const pre = new Int32Array(2 * n);
    const group = new Int32Array(2 * n);
    order(this.time, time);
    order(this.seq, seq);
    order(this.pre, pre);
    order(this.group, group);
    this.time = time;
    this.seq = seq;
    this.pre = pre;
    this.group = group;
    this.head = 0;
  }
}
