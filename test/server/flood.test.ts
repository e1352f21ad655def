/**
 * The live server under load, real server and real clients (bench/server-load.ts):
 * a client that never reads cannot grow the server's memory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { floodRss } from '../../bench/server-load.ts';
import { TestClient } from './client.ts';
import { LIGHT_MODULES } from './fixtures.ts';

const servers: ViewerServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('server under load', () => {
  it('a non-reading client flooding 150 MB of pings leaves the server within 100 MB of its memory, and is closed', async () => {
    const server = await startServer({ port: 0, modules: LIGHT_MODULES, serveViewer: false, spares: 0, limits: { stallMs: 2000, softSendBytes: 1 << 20, hardSendBytes: 4 << 20 } });
    servers.push(server);
    const r = await floodRss(server, 150);
    process.stdout.write(`flood: ${JSON.stringify(r)}\n`);
    expect(r.closedByServer).toBe(true);
    expect(r.rssMaxMB - r.rssBeforeMB).toBeLessThan(100);
    expect(r.rssAfterMB - r.rssBeforeMB).toBeLessThan(100);
    const c = await TestClient.connect(server.wsUrl);
    expect(await c.request({ type: 'ping', id: 1 }, (m) => m.type === 'pong')).toEqual({ type: 'pong', id: 1 });
    c.close();
  });
});
