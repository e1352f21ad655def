/**
 * Three-layer perceptron (input, hidden, output) trained by backpropagation
 * with minibatches (Rumelhart, Hinton & Williams 1986):
 *   h = sigmoid(W1^T [x; 1]),  p = softmax(W2^T [h; 1])
 *   loss = -log p_y (cross-entropy)
 *   delta2 = p - onehot(y),  delta1 = (W2 delta2) h (1 - h)
 *   dL/dW2 = [h; 1] delta2^T,  dL/dW1 = [x; 1] delta1^T
 * Weight matrices are row-major by input (row i = input i, bias last), so a
 * sample only touches the rows of its nonzero pixels (most MNIST pixels are 0).
 * The weights live in a WeightLayer: plain floats, or a memristor crossbar.
 * All buffers are allocated once; training allocates nothing per sample.
 */
import type { Rng } from '../kernel/rng.ts';
import type { Dataset } from './dataset.ts';

export interface WeightLayer {
  /** Inputs including the bias row. */
  readonly nIn: number;
  readonly nOut: number;
  /** Weights the network reads, (nIn x nOut) row-major. */
  readonly w: Float64Array;
  /** Applies w -= lr * grad (exactly, or as the hardware can). */
  update(grad: Float64Array, lr: number, rng: Rng): void;
}

/** Ideal floating-point weights: the baseline. */
export class FloatLayer implements WeightLayer {
  readonly w: Float64Array;
  constructor(readonly nIn: number, readonly nOut: number) {
    this.w = new Float64Array(nIn * nOut);
  }
  initRandom(bound: number, rng: Rng): void {
    for (let i = 0; i < this.w.length; i++) this.w[i] = rng.uniform(-bound, bound);
  }
  update(grad: Float64Array, lr: number): void {
    const w = this.w;
    for (let i = 0; i < w.length; i++) w[i] -= lr * grad[i];
  }
}

/** Glorot-uniform bound sqrt(6 / (fanIn + fanOut)). */
export function glorotBound(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}

export class Mlp {
  readonly inputs: number;
  readonly hidden: number;
  readonly classes: number;
  readonly l1: WeightLayer;
  readonly l2: WeightLayer;
  private readonly h: Float64Array;
  private readonly z: Float64Array;
  private readonly d2: Float64Array;
  private readonly d1: Float64Array;
  private readonly g1: Float64Array;
  private readonly g2: Float64Array;
  private readonly nz: Int32Array;
  private nnz = 0;

  constructor(l1: WeightLayer, l2: WeightLayer) {
    if (l2.nIn !== l1.nOut + 1) throw new Error(`mlp: layer 2 has ${l2.nIn} inputs, expected hidden size + bias = ${l1.nOut + 1}`);
    this.inputs = l1.nIn - 1;
    this.hidden = l1.nOut;
    this.classes = l2.nOut;
    this.l1 = l1;
    this.l2 = l2;
    this.h = new Float64Array(this.hidden);
    this.z = new Float64Array(this.classes);
    this.d2 = new Float64Array(this.classes);
    this.d1 = new Float64Array(this.hidden);
    this.g1 = new Float64Array(l1.nIn * l1.nOut);
    this.g2 = new Float64Array(l2.nIn * l2.nOut);
    this.nz = new Int32Array(this.inputs);
  }

  /** Forward pass of sample s; leaves probabilities in z, returns the predicted class. */
  forward(x: Float32Array, s: number): number {
    const n = this.inputs;
    const H = this.hidden;
    const C = this.classes;
    const w1 = this.l1.w;
    const w2 = this.l2.w;
    const h = this.h;
    const base = s * n;
    // Hidden pre-activation: bias row, then the nonzero pixels only.
    const b1 = n * H;
    for (let j = 0; j < H; j++) h[j] = w1[b1 + j];
    let nnz = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[base + i];
      if (xi === 0) continue;
      this.nz[nnz++] = i;
      const r = i * H;
      for (let j = 0; j < H; j++) h[j] += xi * w1[r + j];
    }
    this.nnz = nnz;
    for (let j = 0; j < H; j++) h[j] = 1 / (1 + Math.exp(-h[j]));
    const z = this.z;
    const b2 = H * C;
    for (let c = 0; c < C; c++) z[c] = w2[b2 + c];
    for (let j = 0; j < H; j++) {
      const hj = h[j];
      const r = j * C;
      for (let c = 0; c < C; c++) z[c] += hj * w2[r + c];
    }
    let best = 0;
    let zMax = z[0];
    for (let c = 1; c < C; c++) if (z[c] > zMax) { zMax = z[c]; best = c; }
    let sum = 0;
    for (let c = 0; c < C; c++) {
      z[c] = Math.exp(z[c] - zMax);
      sum += z[c];
    }
    for (let c = 0; c < C; c++) z[c] /= sum;
    return best;
  }

  /** Accumulates the gradient of sample s into g1, g2; returns its loss. */
  private backward(x: Float32Array, s: number, label: number): number {
    const n = this.inputs;
    const H = this.hidden;
    const C = this.classes;
    const h = this.h;
    const z = this.z;
    const d2 = this.d2;
    const d1 = this.d1;
    const w2 = this.l2.w;
    const g1 = this.g1;
    const g2 = this.g2;
    for (let c = 0; c < C; c++) d2[c] = z[c] - (c === label ? 1 : 0);
    for (let j = 0; j < H; j++) {
      const r = j * C;
      let acc = 0;
      for (let c = 0; c < C; c++) {
        acc += w2[r + c] * d2[c];
        g2[r + c] += h[j] * d2[c];
      }
      d1[j] = acc * h[j] * (1 - h[j]);
    }
    const b2 = H * C;
    for (let c = 0; c < C; c++) g2[b2 + c] += d2[c];
    const base = s * n;
    for (let k = 0; k < this.nnz; k++) {
      const i = this.nz[k];
      const xi = x[base + i];
      const r = i * H;
      for (let j = 0; j < H; j++) g1[r + j] += xi * d1[j];
    }
    const b1 = n * H;
    for (let j = 0; j < H; j++) g1[b1 + j] += d1[j];
    return -Math.log(Math.max(z[label], 1e-300));
  }

  /** One minibatch: rows order[start, end) of ds; the layers apply lr / batch * gradient. Returns the mean loss. */
  trainBatch(ds: Dataset, order: Uint32Array, start: number, end: number, lr: number, rng: Rng): number {
    this.g1.fill(0);
    this.g2.fill(0);
    let loss = 0;
    for (let k = start; k < end; k++) {
      const s = order[k];
      this.forward(ds.x, s);
      loss += this.backward(ds.x, s, ds.y[s]);
    }
    const m = end - start;
    this.l2.update(this.g2, lr / m, rng);
    this.l1.update(this.g1, lr / m, rng);
    return loss / m;
  }

  /** Accuracy on ds; fills confusion[true * classes + predicted] when given. */
  evaluate(ds: Dataset, confusion?: Uint32Array): number {
    if (confusion) confusion.fill(0);
    let correct = 0;
    for (let s = 0; s < ds.n; s++) {
      const p = this.forward(ds.x, s);
      if (p === ds.y[s]) correct++;
      if (confusion) confusion[ds.y[s] * this.classes + p]++;
    }
    return correct / ds.n;
  }
}
