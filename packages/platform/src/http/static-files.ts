import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Route } from './server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

interface CachedFile {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
}

/**
 * Serves a built single-page app (Vite's `dist/`): files by path, `index.html` for any other GET path (client-side
 * routes), gzip when the client accepts it. Hashed files under `/assets/` are cached by browsers for a year; the
 * rest must be revalidated. Files are read once and kept in memory: a build's output does not change under it.
 */
export function staticFiles(root: string): Route {
  const base = path.resolve(root);
  const cache = new Map<string, CachedFile>();
  const load = (file: string): CachedFile | null => {
    const cached = cache.get(file);
    if (cached) return cached;
    let body: Buffer;
    try {
      if (!fs.statSync(file).isFile()) return null;
      body = fs.readFileSync(file);
    } catch {
      return null;
    }
    const extension = path.extname(file);
    const loaded: CachedFile = {
      body,
      type: TYPES[extension] ?? 'application/octet-stream',
      ...(COMPRESSIBLE.has(extension) && body.length > 1024 ? { gzipped: gzipSync(body) } : {}),
    };
    cache.set(file, loaded);
    return loaded;
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed');
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad path');
      return;
    }
    const requested = path.resolve(base, `.${pathname}`);
    // Never outside the app's folder, whatever the path says.
    const inside = requested === base || requested.startsWith(base + path.sep);
    let file = inside ? load(requested) : null;
    // A path without a file extension is a route of the app: its index.html handles it.
    if (!file && inside && !path.extname(pathname)) file = load(path.join(base, 'index.html'));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzipped! : file.body;
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': body.length,
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
