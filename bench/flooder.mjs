// A WebSocket client that never reads: it opens the socket by hand, stops
// reading, and writes `megabytes` MB of small ping frames as fast as the
// server takes them. Prints one JSON line when the server closes on it.
// usage: node bench/flooder.mjs PORT MEGABYTES
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

const [port, megabytes] = process.argv.slice(2).map(Number);
const payload = Buffer.from('{"type":"ping","id":1}');
// Client frames are masked; a zero mask leaves the payload as it is.
const frame = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
const chunk = Buffer.concat(Array.from({ length: Math.floor((1 << 20) / frame.length) }, () => frame));
const total = megabytes * (1 << 20);
let written = 0;
const t0 = Date.now();
const sock = connect(port, '127.0.0.1', () => {
  sock.write(`GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
});
sock.once('data', (d) => {
  if (!d.toString('latin1').startsWith('HTTP/1.1 101')) {
    console.log(JSON.stringify({ refused: d.toString('latin1').split('\r\n')[0] }));
    process.exit(1);
  }
  sock.pause();
  const pump = () => {
    while (written < total) {
      written += chunk.length;
      if (!sock.write(chunk)) return void sock.once('drain', pump);
    }
  };
  pump();
});
sock.on('error', () => {});
sock.on('close', () => {
  console.log(JSON.stringify({ writtenMB: +(written / (1 << 20)).toFixed(1), seconds: (Date.now() - t0) / 1000, closedByServer: written < total }));
  process.exit(0);
});
setTimeout(() => {
  console.log(JSON.stringify({ writtenMB: +(written / (1 << 20)).toFixed(1), seconds: (Date.now() - t0) / 1000, closedByServer: false, timedOut: true }));
  process.exit(0);
}, 60_000).unref();
