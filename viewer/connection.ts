/**
 * The page's socket to the server: JSON messages in and out, binary batches
 * decoded with the shared protocol module; reconnects with a growing delay
 * when the server goes away.
 */
import { WS_PATH, decodeBatch, type Batch, type ClientMessage, type ServerMessage } from '../src/server/protocol.ts';

export interface ConnectionEvents {
  open(): void;
  message(m: ServerMessage): void;
  batch(b: Batch): void;
  /** The socket closed (code and reason as the server gave them); a new attempt follows in retryInS. */
  closed(retryInS: number, code: number, reason: string): void;
}

export class Connection {
  private ws: WebSocket | null = null;
  private retryS = 1;

  constructor(private readonly on: ConnectionEvents) {}

  connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}${WS_PATH}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.retryS = 1;
      this.on.open();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') this.on.message(JSON.parse(ev.data) as ServerMessage);
      else this.on.batch(decodeBatch(ev.data as ArrayBuffer));
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      // Closed for idling (4000): reconnect at once, the server is there.
      const wait = ev.code === 4000 ? 0 : this.retryS;
      if (ev.code !== 4000) this.retryS = Math.min(10, this.retryS * 2);
      this.on.closed(wait, ev.code, ev.reason);
      setTimeout(() => this.connect(), wait * 1000);
    };
  }

  get isOpen(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  send(msg: ClientMessage): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }
}
