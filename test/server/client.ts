/** A test client of the viewer protocol on a real `ws` socket: collects JSON messages and decoded batches. */
import WebSocket from 'ws';
import { decodeBatch, type Batch, type ServerMessage } from '../../src/server/protocol.ts';

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly batches: Batch[] = [];
  spikes = 0;
  samples = 0;
  states = 0;
  closed = false;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      if (isBinary) {
        const b = decodeBatch(buf);
        this.batches.push(b);
        this.spikes += b.spikeT.length;
        this.samples += b.sampleT.length;
        this.states += b.stateT.length;
      } else this.messages.push(JSON.parse(buf.toString('utf8')) as ServerMessage);
    });
    ws.on('close', () => {
      this.closed = true;
    });
  }

  static async connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url);
    const c = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await c.waitFor((m) => m.type === 'welcome');
    return c;
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Waits for a message matching `pred` that arrives after index `from`; returns it. */
  async waitFor<T extends ServerMessage>(pred: (m: ServerMessage) => boolean, timeoutMs = 5000, from = 0): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      for (let i = from; i < this.messages.length; i++) if (pred(this.messages[i])) return this.messages[i] as T;
      if (Date.now() - t0 > timeoutMs) {
        throw new Error(`no matching message within ${timeoutMs} ms; got: ${this.messages.map((m) => m.type).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Sends and waits for the next reply matching pred. */
  async request<T extends ServerMessage>(msg: unknown, pred: (m: ServerMessage) => boolean, timeoutMs = 5000): Promise<T> {
    const from = this.messages.length;
    this.send(msg);
    return this.waitFor<T>(pred, timeoutMs, from);
  }

  async until(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const t0 = Date.now();
    while (!cond()) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`${what} not reached within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  get lastSimTimeS(): number {
    return this.batches.length ? this.batches[this.batches.length - 1].simTimeS : 0;
  }

  close(): void {
    this.ws.close();
  }
}
