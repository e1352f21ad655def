/**
 * The live viewer's server: one HTTP server for the page's static files with
 * the WebSocket endpoint (WS_PATH) on the same port. Each connection may own
 * one run at a time (starting another replaces it); the number of concurrent
 * runs over all connections is capped. Every incoming message is validated
 * (protocol.ts) and answered with an `error` on any problem; nothing a client
 * sends can end the process. A connection that closes frees its run.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { resolveParams } from '../harness/params.ts';
import type { Scenario } from '../harness/types.ts';
import { DEFAULT_TUNING, LiveRun, type RunTuning } from './live-run.ts';
import {
  MAX_BATCHES_PER_S,
  MAX_CLIENT_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  WS_PATH,
  parseClientMessage,
  type ClientMessage,
  type ErrorCode,
  type ScenarioInfo,
  type ServerMessage,
} from './protocol.ts';
import { buildViewerFiles, type StaticFile } from './static.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_RUNS = 32;
/** Hard frame limit of the WebSocket layer: larger frames close the connection (1009). */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
const DEFAULT_STEP_S = 0.01;

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Scenarios to offer; those without live() are left out. */
  scenarios: readonly Scenario[];
  defaultScenario?: string | null;
  maxRuns?: number;
  tuning?: Partial<RunTuning>;
  /** Serve the page (default true); tests of the socket alone may skip the bundle. */
  serveViewer?: boolean;
}

export interface ViewerServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  /** Runs currently held (any state). */
  runCount(): number;
  connectionCount(): number;
  /** Per-run figures for tests and the stream bench. */
  runStats(): { simTimeS: number; state: string; bufferedBytes: number; pendingKept: number; decimation: number; spikesSent: number }[];
  close(): Promise<void>;
}

function scenarioInfo(s: Scenario): ScenarioInfo {
  return { name: s.name, title: s.title, figure: s.figure, experiment: s.experiment, group: s.group, params: s.params };
}

export async function startServer(opts: ServeOptions): Promise<ViewerServer> {
  const live = opts.scenarios.filter((s) => typeof s.live === 'function');
  const maxRuns = opts.maxRuns ?? DEFAULT_MAX_RUNS;
  if (!Number.isInteger(maxRuns) || maxRuns < 1) throw new Error(`serve: maxRuns must be a whole number >= 1, got ${maxRuns}`);
  const defaultScenario = opts.defaultScenario ?? null;
  if (defaultScenario !== null && !live.some((s) => s.name === defaultScenario)) {
    const known = live.map((s) => s.name).join(', ') || '(none)';
    throw new Error(`serve: --scenario "${defaultScenario}" is not a scenario with a live view; live scenarios: ${known}`);
  }
  const tuning: RunTuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const files = opts.serveViewer === false ? new Map<string, StaticFile>() : await buildViewerFiles();
  const infos = live.map(scenarioInfo);
  const runs = new Map<WebSocket, LiveRun>();
  let nextRunId = 1;

  const http: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const file = files.get(path === '/index.html' ? '/' : path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('method not allowed\n');
      return;
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({ server: http, path: WS_PATH, maxPayload: WS_MAX_PAYLOAD_BYTES });

  function send(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }
  function error(ws: WebSocket, code: ErrorCode, message: string): void {
    send(ws, { type: 'error', code, message });
  }
  function free(ws: WebSocket): void {
    const run = runs.get(ws);
    if (run) {
      run.dispose();
      runs.delete(ws);
    }
  }

  function start(ws: WebSocket, msg: Extract<ClientMessage, { type: 'start' }>): void {
    const scenario = live.find((s) => s.name === msg.scenario);
    if (!scenario || !scenario.live) {
      error(ws, 'unknown-scenario', `no live scenario "${msg.scenario}"; live scenarios: ${live.map((s) => s.name).join(', ') || '(none)'}`);
      return;
    }
    let params;
    try {
      params = resolveParams(scenario.name, scenario.params, msg.params ?? {});
    } catch (err) {
      error(ws, 'bad-params', (err as Error).message);
      return;
    }
    const replacing = runs.has(ws);
    if (!replacing && runs.size >= maxRuns) {
      error(ws, 'capacity', `the server is running its limit of ${maxRuns} concurrent runs; stop another run or try again later`);
      return;
    }
    free(ws);
    const seed = msg.seed ?? 1;
    const liveFn = scenario.live.bind(scenario);
    let run: LiveRun;
    try {
      run = new LiveRun(
        { runId: nextRunId++, scenario: scenario.name, params, seed, pace: msg.pace === undefined ? 1 : msg.pace, build: () => liveFn(params, seed) },
        { send: (d) => ws.readyState === ws.OPEN && ws.send(d), bufferedBytes: () => ws.bufferedAmount },
        tuning,
      );
    } catch (err) {
      error(ws, 'bad-params', `scenario "${scenario.name}" could not be built: ${(err as Error).message}`);
      return;
    }
    runs.set(ws, run);
    run.announce();
    if (!msg.paused) run.resume();
  }

  function handle(ws: WebSocket, msg: ClientMessage): void {
    if (msg.type === 'ping') {
      send(ws, { type: 'pong', id: msg.id ?? null });
      return;
    }
    if (msg.type === 'start') {
      start(ws, msg);
      return;
    }
    const run = runs.get(ws);
    if (!run) {
      error(ws, 'no-run', `"${msg.type}" needs a run; send "start" first`);
      return;
    }
    switch (msg.type) {
      case 'pause':
        run.pause();
        break;
      case 'resume':
        run.resume();
        break;
      case 'step':
        run.step(msg.dtS ?? DEFAULT_STEP_S);
        break;
      case 'reset':
        run.reset();
        break;
      case 'pace':
        run.setPace(msg.pace);
        break;
      case 'stop':
        free(ws);
        send(ws, { type: 'stopped', runId: run.spec.runId });
        break;
    }
  }

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', () => free(ws));
    ws.on('close', () => free(ws));
    ws.on('message', (data, isBinary) => {
      try {
        const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        const parsed = parseClientMessage(isBinary ? raw : raw.toString('utf8'), isBinary);
        if (!parsed.ok) error(ws, parsed.code, parsed.message);
        else handle(ws, parsed.msg);
      } catch (err) {
        error(ws, 'internal', `could not handle the message: ${(err as Error).message}`);
      }
    });
    send(ws, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      scenarios: infos,
      defaultScenario,
      limits: { maxMessageBytes: MAX_CLIENT_MESSAGE_BYTES, maxRuns, maxBatchesPerS: MAX_BATCHES_PER_S },
    });
  });
  // A failing socket server must not take the process down with it.
  wss.on('error', () => {});

  const port = opts.port ?? DEFAULT_PORT;
  const host = opts.host ?? DEFAULT_HOST;
  await new Promise<void>((resolvePromise, reject) => {
    http.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`serve: port ${port} on ${host} is in use; choose another with --port (0 = any free port)`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new Error(`serve: cannot listen on host "${host}" (${err.code}); try --host 127.0.0.1`));
      else reject(err);
    });
    http.listen(port, host, () => {
      http.removeAllListeners('error');
      resolvePromise();
    });
  });
  const addr = http.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${hostForUrl}:${addr.port}/`,
    wsUrl: `ws://${hostForUrl}:${addr.port}${WS_PATH}`,
    port: addr.port,
    runCount: () => runs.size,
    connectionCount: () => wss.clients.size,
    runStats: () =>
      [...runs.entries()].map(([ws, r]) => ({
        simTimeS: r.simTimeS,
        state: r.state,
        bufferedBytes: ws.bufferedAmount,
        pendingKept: r.sink.pendingKept,
        decimation: r.sink.decimation,
        spikesSent: r.sink.totalSpikes - r.sink.nSpikes,
      })),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const run of runs.values()) run.dispose();
        runs.clear();
        for (const c of wss.clients) c.terminate();
        wss.close(() => http.close(() => resolveClose()));
        http.closeAllConnections?.();
      }),
  };
}
