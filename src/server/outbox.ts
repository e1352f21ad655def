/**
 * Everything the server sends a client goes through its Outbox, control
 * replies as well as data batches, so that no client can make the server
 * hold more than a bounded amount for it:
 * - below the soft bound, messages go straight to the socket;
 * - above it, nothing more is written and the client's own messages are no
 *   longer read (TCP pushes back on the sender); what the server still has
 *   to say waits in a queue of at most MAX_QUEUED_BYTES and leaves in order
 *   once the socket drains below half the soft bound;
 * - a client above the hard bound, above the soft bound for longer than
 *   stallMs, or whose queue overflows is closed with code 4008 and a reason.
 */
import type { WebSocket } from 'ws';
import { MAX_QUEUED_BYTES, type ConnectionLimits } from './limits.ts';

export const CLOSE_NOT_READING = 4008;

export class Outbox {
  private queue: Array<string | Buffer> = [];
  private queuedBytes = 0;
  private overSinceMs: number | null = null;
  private readPaused = false;
  closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly limits: ConnectionLimits,
  ) {}

  /** Bytes the server holds for this client: the socket's unsent data and the queue. */
  get unsentBytes(): number {
    return this.ws.bufferedAmount + this.queuedBytes;
  }

  send(data: string | Buffer): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (this.queue.length === 0 && this.ws.bufferedAmount <= this.limits.softSendBytes) {
      this.ws.send(data);
      if (this.ws.bufferedAmount > this.limits.softSendBytes) this.over(performance.now());
      return;
    }
    if (this.queuedBytes + size > MAX_QUEUED_BYTES) {
      this.close(`send queue over ${MAX_QUEUED_BYTES} bytes: the client does not read its socket`);
      return;
    }
    this.queue.push(data);
    this.queuedBytes += size;
    this.over(performance.now());
  }

  /** Called every few milliseconds: drains the queue, resumes reading, enforces the bounds. */
  poll(nowMs: number): void {
    if (this.closed) return;
    const soft = this.limits.softSendBytes;
    while (this.queue.length > 0 && this.ws.bufferedAmount <= soft / 2) {
      const d = this.queue.shift()!;
      this.queuedBytes -= typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength;
      this.ws.send(d);
    }
    const unsent = this.unsentBytes;
    if (unsent > this.limits.hardSendBytes) {
      this.close(`more than ${this.limits.hardSendBytes} bytes unsent: the client does not read its socket`);
      return;
    }
    if (unsent > soft) {
      this.over(nowMs);
      if (this.overSinceMs !== null && nowMs - this.overSinceMs > this.limits.stallMs) {
        this.close(`over ${soft} bytes unsent for ${this.limits.stallMs} ms: the client does not read its socket`);
      }
      return;
    }
    this.overSinceMs = null;
    if (this.readPaused && this.queue.length === 0 && unsent <= soft / 2) {
      this.readPaused = false;
      this.ws.resume();
    }
  }

  private over(nowMs: number): void {
    if (this.overSinceMs === null) this.overSinceMs = nowMs;
    if (!this.readPaused) {
      this.readPaused = true;
      this.ws.pause();
    }
  }

  /** Closes with 4008; a close frame cannot pass a full socket, so the socket is destroyed soon after. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    // Close reasons are limited to 123 bytes by the protocol.
    this.ws.close(CLOSE_NOT_READING, reason.slice(0, 123));
    const ws = this.ws;
    setTimeout(() => ws.terminate(), 1000).unref();
  }
}
