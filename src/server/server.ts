/**
 * The live viewer's server: one HTTP server for the page's static files with
 * the WebSocket endpoint (WS_PATH) on the same port.
 * - Each run is simulated in a worker thread of its own (pool.ts), with a
 *   heap limit; the event loop validates messages and relays batches, so no
 *   client can delay another's replies, whatever it runs.
 * - Everything a client is sent passes its Outbox (bounded, outbox.ts).
 * - Only the page's own origins may open the socket; a foreign Host header
 *   is refused (security.ts). The page is served with a strict CSP.
 * - Connections are capped; one that never starts a run is closed after
 *   idleTimeoutMs; a run that has ended frees its slot at once.
 * Every incoming message is validated (protocol.ts) and answered with an
 * `error` on any problem; nothing a client sends can end the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Scenario } from '../harness/types.ts';
import { DEFAULT_CONNECTION_LIMITS, DEFAULT_MAX_CONNECTIONS, RUN_MEMORY_MB, RUN_YOUNG_MB, machineMaxRuns, type ConnectionLimits } from './limits.ts';
import { DEFAULT_TUNING, type RunTuning } from './live-run.ts';
import { collectScenarios, REGISTRY_MODULE } from './modules.ts';
import { Outbox } from './outbox.ts';
import { WorkerPool } from './pool.ts';
import { MAX_BATCHES_PER_S, MAX_CLIENT_MESSAGE_BYTES, PROTOCOL_VERSION, WS_PATH, parseClientMessage, type ScenarioInfo } from './protocol.ts';
import { AccessPolicy, securityHeaders } from './security.ts';
import { Session, clip, type OfferedScenario, type ServerContext } from './session.ts';
import type { CircuitSource } from './circuit-live.ts';
import { buildViewerFiles, type StaticFile } from './static.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_RUNS = machineMaxRuns();
/** Hard frame limit of the WebSocket layer: larger frames close the connection (1009). */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
export const CLOSE_IDLE = 4000;
const POLL_MS = 10;

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Module URLs whose exported live scenarios are offered (default: the registry). */
  modules?: readonly string[];
  defaultScenario?: string | null;
  maxRuns?: number;
  maxConnections?: number;
  /** Origins allowed beyond the page's own. */
  allowOrigins?: readonly string[];
  tuning?: Partial<RunTuning>;
  limits?: Partial<ConnectionLimits>;
  /** Heap of each run's worker thread (MB). */
  runMemoryMb?: number;
  /** Worker threads kept warm with every module loaded (default 2; 0 = start threads on demand). */
  spares?: number;
  /** Serve the page (default true); tests of the socket alone may skip the bundle. */
  serveViewer?: boolean;
  /** A circuit offered under its name and preselected (serve --circuit; validated before the server starts). */
  circuit?: { readonly name: string; readonly title: string; readonly source: CircuitSource } | null;
}

export interface ViewerServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly maxRuns: number;
  /** Runs currently held (any state but ended). */
  runCount(): number;
  connectionCount(): number;
  /** Worker threads alive (running or warm). */
  threadCount(): number;
  /** Per-run figures for tests and the stream bench. */
  runStats(): { simTimeS: number; state: string; bufferedBytes: number; pendingKept: number; decimation: number; spikesSent: number }[];
  close(): Promise<void>;
}

function scenarioInfo(s: Scenario): ScenarioInfo {
  return { name: s.name, title: s.title, figure: s.figure, experiment: s.experiment, group: s.group, params: s.params };
}

async function offeredScenarios(modules: readonly string[]): Promise<Map<string, OfferedScenario>> {
  const offered = new Map<string, OfferedScenario>();
  for (const module of modules) {
    const found = collectScenarios((await import(module)) as Record<string, unknown>);
    for (const s of found.values()) if (typeof s.live === 'function' && !offered.has(s.name)) offered.set(s.name, { scenario: s, module });
  }
  return offered;
}

function positiveInt(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`serve: ${what} must be a whole number >= 1, got ${v}`);
  return v;
}

export async function startServer(opts: ServeOptions): Promise<ViewerServer> {
  const modules = opts.modules ?? [REGISTRY_MODULE];
  const maxRuns = positiveInt(opts.maxRuns ?? DEFAULT_MAX_RUNS, 'maxRuns');
  const maxConnections = positiveInt(opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS, 'maxConnections');
  const runMemoryMb = positiveInt(opts.runMemoryMb ?? RUN_MEMORY_MB, 'runMemoryMb');
  const host = opts.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new Error('serve: --host must name an address (e.g. 127.0.0.1); an empty host would listen on every interface');
  const policy = new AccessPolicy(host, opts.allowOrigins ?? []);
  const offered = await offeredScenarios(modules);
  const circuit = opts.circuit ?? null;
  const defaultScenario = opts.defaultScenario ?? circuit?.name ?? null;
  if (defaultScenario !== null && !offered.has(defaultScenario) && defaultScenario !== circuit?.name) {
    throw new Error(`serve: --scenario "${clip(defaultScenario)}" is not a scenario with a live view; live scenarios: ${[...offered.keys()].join(', ') || '(none)'}`);
  }
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...opts.limits };
  const tuning: RunTuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const files = opts.serveViewer === false ? new Map<string, StaticFile>() : await buildViewerFiles();
  const infos = [...offered.values()].filter((o) => o.scenario.name !== circuit?.name).map((o) => scenarioInfo(o.scenario));
  if (circuit) infos.unshift({ name: circuit.name, title: circuit.title, figure: '', experiment: 'circuit file', group: 'circuit', params: [] });
  const pool = new WorkerPool({ preload: modules, heapMb: runMemoryMb, youngMb: RUN_YOUNG_MB, spares: opts.spares ?? 2, keepIdle: 4 });
  const sessions = new Map<WebSocket, Session>();
  let runIds = 1;
  const ctx: ServerContext = {
    offered,
    circuit: circuit ? { name: circuit.name, source: circuit.source } : null,
    pool,
    tuning,
    maxRuns,
    runMemoryBytes: (runMemoryMb + RUN_YOUNG_MB) * 1024 * 1024,
    activeRuns: () => {
      let n = 0;
      for (const s of sessions.values()) if (s.holdsRun) n++;
      return n;
    },
    nextRunId: () => runIds++,
  };

  const http: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const refusal = policy.refusal(req);
    if (refusal && !policy.hostAllowed(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain', ...securityHeaders('127.0.0.1') }).end(`forbidden: ${refusal}\n`);
      return;
    }
    const headers = securityHeaders(req.headers.host!);
    const path = (req.url ?? '/').split('?')[0];
    const file = files.get(path === '/index.html' ? '/' : path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD', ...headers }).end('method not allowed\n');
      return;
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end(`not found: ${clip(path)}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length, 'cache-control': 'no-cache', ...headers });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({
    server: http,
    path: WS_PATH,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    verifyClient: (info, done) => {
      const refusal = policy.refusal(info.req);
      if (refusal) done(false, 403, refusal.replace(/[^\x20-\x7e]/g, '?'));
      else if (sessions.size >= maxConnections) done(false, 503, `the server holds its limit of ${maxConnections} connections`);
      else done(true);
    },
  });

  wss.on('connection', (ws: WebSocket) => {
    const session = new Session(ws, ctx, new Outbox(ws, limits));
    sessions.set(ws, session);
    const idle = setTimeout(() => {
      if (!session.everStarted) ws.close(CLOSE_IDLE, `no run started within ${limits.idleTimeoutMs} ms`);
    }, limits.idleTimeoutMs);
    const end = (): void => {
      clearTimeout(idle);
      session.free();
      session.out.closed = true;
      sessions.delete(ws);
    };
    ws.on('error', end);
    ws.on('close', end);
    ws.on('message', (data, isBinary) => {
      try {
        const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        const parsed = parseClientMessage(isBinary ? raw : raw.toString('utf8'), isBinary);
        if (!parsed.ok) session.error(parsed.code, clip(parsed.message, 400));
        else session.handle(parsed.msg);
      } catch (err) {
        session.error('internal', `could not handle the message: ${clip((err as Error).message)}`);
      }
    });
    session.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      scenarios: infos,
      defaultScenario,
      limits: { maxMessageBytes: MAX_CLIENT_MESSAGE_BYTES, maxRuns, maxBatchesPerS: MAX_BATCHES_PER_S },
    });
  });
  // A failing socket server must not take the process down with it.
  wss.on('error', () => {});

  const poll = setInterval(() => {
    const now = performance.now();
    for (const s of sessions.values()) {
      s.out.poll(now);
      s.flow();
    }
  }, POLL_MS);
  poll.unref();

  const port = opts.port ?? DEFAULT_PORT;
  await new Promise<void>((resolvePromise, reject) => {
    http.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`serve: port ${port} on ${host} is in use; choose another with --port (0 = any free port)`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new Error(`serve: cannot listen on host "${clip(host)}" (${err.code}); try --host 127.0.0.1`));
      else reject(err);
    });
    http.listen(port, host, () => {
      http.removeAllListeners('error');
      resolvePromise();
    });
  });
  const addr = http.address() as AddressInfo;
  policy.setPort(addr.port);
  pool.warm();
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${hostForUrl}:${addr.port}/`,
    wsUrl: `ws://${hostForUrl}:${addr.port}${WS_PATH}`,
    port: addr.port,
    maxRuns,
    runCount: () => ctx.activeRuns(),
    connectionCount: () => sessions.size,
    threadCount: () => pool.threads,
    runStats: () =>
      [...sessions.values()]
        .filter((s) => s.run)
        .map((s) => ({ ...s.run!.stats, bufferedBytes: s.out.unsentBytes })),
    close: async () => {
      clearInterval(poll);
      for (const s of sessions.values()) s.free();
      for (const c of wss.clients) c.terminate();
      await pool.close();
      await new Promise<void>((resolveClose) => {
        wss.close(() => http.close(() => resolveClose()));
        http.closeAllConnections?.();
      });
    },
  };
}
