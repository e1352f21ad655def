/**
 * Indexed binary min-heap of predicted threshold crossings, one entry per
 * neuron at most (global index g, key time[g]); decrease-key, increase-key and
 * removal in O(log n) on typed arrays, no allocation, no comparator closure.
 * Ties in time are broken by the lower neuron index (deterministic).
 * The network keeps one kernel event armed at the heap's top time, so the
 * kernel queue holds one crossing event instead of one per prediction.
 */
export class CrossingHeap {
  /** Key of each neuron (Infinity when not in the heap). */
  readonly time: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  size = 0;

  constructor(n: number) {
    this.time = new Float64Array(n).fill(Infinity);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  get topTime(): number {
    return this.size === 0 ? Infinity : this.time[this.heap[0]];
  }

  get top(): number {
    return this.size === 0 ? -1 : this.heap[0];
  }

  /** Sets (inserts, moves, or with Infinity removes) the key of neuron g. */
  set(g: number, t: number): void {
    const p = this.pos[g];
    if (t === Infinity) {
      if (p >= 0) this.removeAt(p);
      this.time[g] = Infinity;
      return;
    }
    if (p < 0) {
      this.time[g] = t;
      const q = this.size++;
      this.heap[q] = g;
      this.pos[g] = q;
      this.up(q);
      return;
    }
    const old = this.time[g];
    this.time[g] = t;
    if (t < old) this.up(p);
    else if (t > old) this.down(p);
  }

  /** Lowers the key of neuron g (already in the heap, t < its key): sift up only. */
  decrease(g: number, t: number): void {
    this.time[g] = t;
    this.up(this.pos[g]);
  }

  /** Multiplies every finite key by f > 0 and restores heap order (keys that are scaled quantities, not times). */
  scaleKeys(f: number): void {
    const time = this.time;
    for (let g = 0; g < time.length; g++) if (time[g] !== Infinity) time[g] *= f;
    // Rounding may create ties whose index order differs from the heap's: re-heapify (O(n)).
    for (let p = (this.size >> 1) - 1; p >= 0; p--) this.down(p);
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a];
    const tb = this.time[b];
    return ta < tb || (ta === tb && a < b);
  }

  private removeAt(p: number): void {
    const g = this.heap[p];
    const last = this.heap[--this.size];
    this.pos[g] = -1;
    if (p === this.size) return;
    this.heap[p] = last;
    this.pos[last] = p;
    this.up(p);
    this.down(this.pos[last]);
  }

  private up(p: number): void {
    const heap = this.heap;
    const g = heap[p];
    while (p > 0) {
      const parent = (p - 1) >> 1;
      const h = heap[parent];
      if (!this.less(g, h)) break;
      heap[p] = h;
      this.pos[h] = p;
      p = parent;
    }
    heap[p] = g;
    this.pos[g] = p;
  }

  private down(p: number): void {
    const heap = this.heap;
    const n = this.size;
    const g = heap[p];
    for (;;) {
      const l = 2 * p + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(heap[r], heap[l]) ? r : l;
      const h = heap[c];
      if (!this.less(h, g)) break;
      heap[p] = h;
      this.pos[h] = p;
      p = c;
    }
    heap[p] = g;
    this.pos[g] = p;
  }
}
