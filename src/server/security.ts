/**
 * Who may talk to the local server. A browser sends the page's Origin with
 * every WebSocket handshake; by default only the viewer's own origins
 * (http://127.0.0.1:PORT, http://localhost:PORT, http://[::1]:PORT and the
 * --host given) may open the socket, so another web page the user visits
 * cannot drive the server (cross-site WebSocket hijacking). A request whose
 * Host header names another server is refused, page and socket alike, which
 * defeats DNS rebinding (a foreign name resolving to 127.0.0.1). Clients that
 * are not browsers send no Origin and are accepted. --allow-origin adds
 * origins (and their hosts) explicitly.
 */
import type { IncomingMessage } from 'node:http';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** "http://Example.org:80/" -> "http://example.org:80"; throws on anything that is not an http(s) origin. */
export function normaliseOrigin(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`--allow-origin expects an origin such as http://example.org:8080, got "${raw.slice(0, 200)}"`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname !== '/' || u.search || u.hash || u.username) {
    throw new Error(`--allow-origin expects scheme://host[:port] with http or https and no path, got "${raw.slice(0, 200)}"`);
  }
  return u.origin;
}

function hostPart(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export class AccessPolicy {
  private hosts = new Set<string>();
  private origins = new Set<string>();

  constructor(
    private readonly bindHost: string,
    private readonly extraOrigins: readonly string[],
  ) {}

  /** Call once the port is known. */
  setPort(port: number): void {
    const names = ['127.0.0.1', 'localhost', '[::1]'];
    if (!WILDCARD_HOSTS.has(this.bindHost)) names.push(hostPart(this.bindHost.toLowerCase()));
    for (const n of names) {
      this.hosts.add(`${n}:${port}`);
      if (port === 80) this.hosts.add(n);
      this.origins.add(`http://${n}:${port}`);
      if (port === 80) this.origins.add(`http://${n}`);
    }
    for (const raw of this.extraOrigins) {
      const o = normaliseOrigin(raw);
      this.origins.add(o);
      this.hosts.add(new URL(o).host);
    }
  }

  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /** Absent Origin: not a browser, accepted. "null" and anything unlisted: refused. */
  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    return this.origins.has(origin.toLowerCase().replace(/\/$/, ''));
  }

  /** Why a request is refused, or null when it may proceed. */
  refusal(req: IncomingMessage): string | null {
    const host = req.headers.host;
    if (!this.hostAllowed(host)) return `Host "${String(host ?? '').slice(0, 200)}" is not this server (allowed: ${[...this.hosts].join(', ')})`;
    const origin = req.headers.origin;
    if (!this.originAllowed(origin)) return `Origin "${String(origin).slice(0, 200)}" may not use this server (add it with --allow-origin)`;
    return null;
  }

  get allowedOrigins(): readonly string[] {
    return [...this.origins];
  }
}

/** Headers of every HTTP response: the page may run only its own scripts and styles and talk only to its own server. */
export function securityHeaders(host: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      `connect-src 'self' ws://${host}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
