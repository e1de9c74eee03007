/**
 * The dev console's HTTP server, standing in for console's bridge: the host shell, the plugin's
 * assets under /api/plugins/<name>/, /locales/resource.json, and /api/kubernetes proxied (HTTP and
 * WebSocket) to a cluster.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import type { ProxyTarget } from './kubeconfig';
import { K8S_PREFIX, proxyHttp, proxyUpgrade } from './proxy';

export interface DevServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  pluginName: string;
  /** The plugin's webpack output (dist/). */
  pluginDist: string;
  /** The host shell's webpack output (index.html and static/). */
  hostDist: string;
  target: ProxyTarget;
}

export interface DevServer {
  url: string;
  port: number;
  server: Server;
  close: () => Promise<void>;
}

const MIME: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const mimeType = (file: string) => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

const sendJson = (res: ServerResponse, code: number, body: unknown) => {
  res.writeHead(code, { 'content-type': MIME['.json'], 'cache-control': 'no-cache' });
  res.end(JSON.stringify(body));
};

const notFound = (res: ServerResponse, message: string) => {
  res.writeHead(404, { 'content-type': MIME['.txt'], 'cache-control': 'no-cache' });
  res.end(`${message}\n`);
};

/** A file under `root` for a URL path, or null when the path leaves `root` or names no file. */
const fileUnder = (root: string, urlPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
};

const sendFile = (req: IncomingMessage, res: ServerResponse, file: string, cache: string) => {
  res.writeHead(200, {
    'content-type': mimeType(file),
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
};

/** `/locales/resource.json?lng=en&ns=plugin__<name>`, answered from the plugin's dist/locales. */
const serveLocales = (url: URL, options: DevServerOptions, res: ServerResponse) => {
  const lng = url.searchParams.get('lng') ?? '';
  const ns = url.searchParams.get('ns') ?? '';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)?$/.test(lng) || !/^[\w.-]+$/.test(ns)) {
    sendJson(res, 400, { error: 'lng and ns query parameters are required' });
    return;
  }
  if (ns !== `plugin__${options.pluginName}`) {
    sendJson(res, 404, { error: `unknown namespace ${ns}` });
    return;
  }
  const file = join(resolve(options.pluginDist), 'locales', lng, `${ns}.json`);
  if (!existsSync(file)) {
    sendJson(res, 404, { error: `no ${lng} catalogue for ${ns}` });
    return;
  }
  res.writeHead(200, { 'content-type': MIME['.json'], 'cache-control': 'no-cache' });
  res.end(readFileSync(file));
};

export const handler =
  (options: DevServerOptions) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://dev-console.invalid');
    const path = url.pathname;
    if (path === K8S_PREFIX || path.startsWith(`${K8S_PREFIX}/`)) {
      proxyHttp(options.target, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const pluginBase = `/api/plugins/${options.pluginName}/`;
    if (path.startsWith(pluginBase)) {
      const file = fileUnder(resolve(options.pluginDist), path.slice(pluginBase.length));
      if (file) sendFile(req, res, file, 'no-cache');
      else notFound(res, `${path}: not in ${options.pluginDist} (is the plugin built?)`);
      return;
    }
    if (path.startsWith('/api/plugins/')) {
      notFound(res, `${path}: only ${options.pluginName} is served`);
      return;
    }
    if (path === '/locales/resource.json') {
      serveLocales(url, options, res);
      return;
    }
    if (path.startsWith('/static/')) {
      const file = fileUnder(resolve(options.hostDist), path);
      if (file) sendFile(req, res, file, 'no-cache');
      else notFound(res, `${path}: not in the host build`);
      return;
    }
    if (path.startsWith('/api/')) {
      notFound(res, `${path}: not served by the dev console`);
      return;
    }
    const index = join(resolve(options.hostDist), 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': MIME['.txt'] });
      res.end('The dev console host is still building; reload in a moment.\n');
      return;
    }
    sendFile(req, res, index, 'no-cache');
  };

export const startDevServer = async (options: DevServerOptions): Promise<DevServer> => {
  const server = createServer(handler(options));
  // Upgraded sockets leave the server's bookkeeping; close() ends them here.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    if (path.startsWith(`${K8S_PREFIX}/`)) {
      proxyUpgrade(options.target, req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => {
          resolveClose();
        });
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
};
