/**
 * No client delays another's replies, whatever it runs (bench/server-load.ts):
 * real server, real clients, the registry's skin patch as the load.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ViewerServer } from '../../src/server/server.ts';
import { pingUnderLoad } from '../../bench/server-load.ts';
import { ALL_MODULES } from './fixtures.ts';

const servers: ViewerServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('server under load', () => {
  it('keeps a third client\'s pings under 50 ms (median) and 200 ms (max) while one runs a 64 x 64 skin patch flat out and another starts five heavy runs', async () => {
    const server = await startServer({ port: 0, modules: ALL_MODULES, serveViewer: false, spares: 2 });
    servers.push(server);
    const r = await pingUnderLoad(server, 4);
    process.stdout.write(`ping under load: ${JSON.stringify(r)}\n`);
    expect(r.pings).toBeGreaterThan(50);
    // The load was there: the skin patch and a heavy run held, in threads of their own.
    expect(r.runsDuring).toBe(2);
    expect(r.threadsDuring).toBeGreaterThanOrEqual(3);
    expect(r.medianMs).toBeLessThan(50);
    expect(r.maxMs).toBeLessThan(200);
  });
});
