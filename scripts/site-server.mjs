// A small HTTP server for the bundled sample site and the test fixtures. Pages live under
// <root>/<host name>/<path> (e.g. news.test/world/article.html), so tests and the demo use
// realistic host names that the browsers map to this machine; `__ORIGIN__` in a page becomes
// the origin it was requested from. Extra behaviours (resets,
// hangs, error statuses, fake archives) are added per test with `route`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @typedef {{ method: string, host: string, path: string, time: number }} LoggedRequest
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => boolean | Promise<boolean>} Route
 *   returns true when it answered the request
 */

/**
 * @param {{ root: string, port?: number }} options
 */
export async function startSiteServer({ root, port = 0 }) {
  /** @type {LoggedRequest[]} */
  const requests = [];
  /** @type {Map<string, Route>} keyed by "host/path" or "*\/path" */
  const routes = new Map();
  const sockets = new Set();

  async function serveFile(res, host, pathname, origin) {
    const hostDir = join(root, host);
    let file = normalize(join(hostDir, decodeURIComponent(pathname)));
    if (!file.startsWith(hostDir + sep) && file !== hostDir) return false;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      // Pages name their own absolute URLs (canonical, og:image) as __ORIGIN__, since the port is
      // chosen at start-up.
      if (extname(file) === '.html') body = Buffer.from(body.toString('utf8').replaceAll('__ORIGIN__', origin));
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
      return true;
    } catch {
      return false;
    }
  }

  const server = createServer(async (req, res) => {
    const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    requests.push({ method: req.method ?? 'GET', host, path: url.pathname + url.search, time: Date.now() });
    try {
      const route = routes.get(`${host}${url.pathname}`) ?? routes.get(`*${url.pathname}`);
      if (route && (await route(req, res, url))) return;
      if (await serveFile(res, host, url.pathname, url.origin)) return;
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen({ port, host: '::', ipv6Only: false }, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: actualPort,
    /** Absolute URL on this server for a host name and path. */
    url: (host, path = '/') => `http://${host}:${actualPort}${path}`,
    requests,
    /** Answer "host/path" (host may be "*") with a handler of our own. */
    route(key, handler) {
      routes.set(key, handler);
    },
    clearRoutes() {
      routes.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
