/**
 * Tournament tree (a binary tree of winners) over the groups of a LIF block:
 * leaf q holds group q, each inner node the winner of its two children, the
 * root the earliest group. Order: ascending key, ties by lower group index,
 * the order of CrossingHeap, so the top is the same group (the minimum of a
 * total order is unique whatever structure finds it).
 *
 * Why not the indexed heap: a group's key moves at almost every spike (its
 * member fires and the bound rises; an input lowers its member's r to the
 * bound), and a heap pays a sift with unpredictable branches for each move.
 * Here a lowered key climbs only while it wins (most stop after a level or
 * two), and a changed key replays its own path, one comparison a level,
 * stopping where neither the old nor the new winner is that group. The keys
 * are the block's own array (no copy); a key of Infinity stays in the tree.
 */
export class GroupTree {
  /** Key per group, and one more: the Infinity of padding leaves. */
  readonly key: Float64Array;
  /** Winner per node: the root at 1, leaves at leaves + q. */
  private readonly win: Int32Array;
  private readonly leaves: number;

  constructor(readonly count: number) {
    let m = 1;
    while (m < count) m <<= 1;
    this.leaves = m;
    this.key = new Float64Array(count + 1).fill(Infinity);
    this.win = new Int32Array(2 * m).fill(count);
    for (let q = 0; q < count; q++) this.win[m + q] = q;
    for (let i = m - 1; i >= 1; i--) this.win[i] = this.better(this.win[2 * i], this.win[2 * i + 1]);
  }

  /** The earliest group (a group of key Infinity, or the padding index `count`, when none is finite). */
  get top(): number {
    return this.win[1];
  }

  get topKey(): number {
    return this.key[this.win[1]];
  }

  private better(a: number, b: number): number {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka < kb || (ka === kb && a < b) ? a : b;
  }

  /** Key of group q set to k, any direction. */
  set(q: number, k: number): void {
    this.key[q] = k;
    const win = this.win;
    for (let i = (this.leaves + q) >> 1; i >= 1; i >>= 1) {
      const old = win[i];
      const w = this.better(win[2 * i], win[2 * i + 1]);
      win[i] = w;
      // Above here only the winner's identity and key matter: neither is q's.
      if (w !== q && old !== q) return;
    }
  }

  /** Key of group q lowered to k (k below its key). */
  decrease(q: number, k: number): void {
    const key = this.key;
    key[q] = k;
    const win = this.win;
    for (let i = (this.leaves + q) >> 1; i >= 1; i >>= 1) {
      const w = win[i];
      if (w !== q) {
        const kw = key[w];
        if (!(k < kw || (k === kw && q < w))) return;
        win[i] = q;
      }
    }
  }
}
