/**
 * `/api/kubernetes/*` to the target, like the console's bridge: the prefix is stripped, the user's
 * bearer token is added, and WebSocket upgrades (watches) are passed through.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { ProxyTarget } from './kubeconfig';

export const K8S_PREFIX = '/api/kubernetes';

/** Hop-by-hop and browser-only headers the bridge does not forward. */
const DROPPED = new Set([
  'host',
  'cookie',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'origin',
  'referer',
  'x-csrftoken',
  'authorization',
]);

const forwardHeaders = (
  headers: IncomingHttpHeaders,
  target: URL,
  token: string | undefined,
): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !DROPPED.has(name)) out[name] = value;
  }
  // kubectl proxy only accepts localhost Hosts, so the Host is the target's.
  out.host = target.host;
  if (token) out.authorization = `Bearer ${token}`;
  return out;
};

const upstreamRequest = (
  target: ProxyTarget,
  req: IncomingMessage,
  extraHeaders: Record<string, string> = {},
) => {
  const base = new URL(target.url);
  const path = `${base.pathname.replace(/\/$/, '')}${(req.url ?? '/').slice(K8S_PREFIX.length) || '/'}`;
  const options = {
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port,
    method: req.method,
    path,
    headers: { ...forwardHeaders(req.headers, base, target.token), ...extraHeaders },
    ...(target.caPem ? { ca: target.caPem } : {}),
  };
  return base.protocol === 'https:' ? httpsRequest(options) : httpRequest(options);
};

const badGateway = (res: ServerResponse, target: ProxyTarget, error: Error) => {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  res.writeHead(502, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code: 502,
      reason: 'BadGateway',
      message: `dev console: cannot reach ${target.url}: ${error.message}`,
    }),
  );
};

export const proxyHttp = (target: ProxyTarget, req: IncomingMessage, res: ServerResponse): void => {
  const upstream = upstreamRequest(target, req);
  upstream.on('response', (response) => {
    res.writeHead(response.statusCode ?? 502, response.headers);
    response.pipe(res);
  });
  upstream.on('error', (error) => {
    badGateway(res, target, error);
  });
  res.on('close', () => {
    upstream.destroy();
  });
  req.pipe(upstream);
};

const statusLine = (code: number, message: string) => `HTTP/1.1 ${code} ${message}\r\n`;

const headerLines = (headers: IncomingHttpHeaders): string =>
  Object.entries(headers)
    .flatMap(([name, value]) =>
      value === undefined
        ? []
        : (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}\r\n`),
    )
    .join('');

export const proxyUpgrade = (
  target: ProxyTarget,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void => {
  const upstream = upstreamRequest(target, req, { connection: 'Upgrade', upgrade: 'websocket' });
  socket.on('error', () => {
    upstream.destroy();
  });
  upstream.on('upgrade', (response, upstreamSocket, upstreamHead) => {
    socket.write(`${statusLine(101, 'Switching Protocols')}${headerLines(response.headers)}\r\n`);
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    upstreamSocket.on('error', () => {
      socket.destroy();
    });
    socket.on('close', () => {
      upstreamSocket.destroy();
    });
    upstreamSocket.on('close', () => {
      socket.destroy();
    });
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
  });
  upstream.on('response', (response) => {
    // The API refused the upgrade (401, 403, 404...): pass its answer on and close.
    socket.write(
      `${statusLine(response.statusCode ?? 502, response.statusMessage ?? '')}${headerLines({
        ...response.headers,
        connection: 'close',
      })}\r\n`,
    );
    response.pipe(socket);
  });
  upstream.on('error', (error) => {
    socket.end(`${statusLine(502, 'Bad Gateway')}connection: close\r\n\r\n${error.message}`);
  });
  upstream.end();
};
