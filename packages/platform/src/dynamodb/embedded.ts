import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import dynalite = require('dynalite');
import dynaliteDb = require('dynalite/db');
import { asApiError, createTransactionHandler, internalServerError, type TransactionHandler, type TransactOperation } from './transact';

export interface EmbeddedDynamoOptions {
  /** Folder for LevelDB files; omit for in-memory. */
  dataDir?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** Host to bind; default '127.0.0.1'. */
  host?: string;
}

export interface EmbeddedDynamo {
  /** e.g. http://127.0.0.1:PORT */
  endpoint: string;
  /** Stops listening, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

const TRANSACT_TARGETS = new Map<string, TransactOperation>([
  ['DynamoDB_20120810.TransactWriteItems', 'TransactWriteItems'],
  ['DynamoDB_20120810.TransactGetItems', 'TransactGetItems'],
]);

// Same limit and same error shapes as dynalite's own HTTP handler, so clients cannot tell the two apart.
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const JSON_CONTENT_TYPES = ['application/json', 'application/x-amz-json-1.0'];

/**
 * dynalite builds its store inside `dynalite()` and only hands it to a bound request handler, but it calls
 * `create` through its `db` module's exports object. Wrapping that export for the duration of the synchronous
 * `dynalite()` call captures the very store (with its per-item locks) that PutItem/UpdateItem/DeleteItem use;
 * the export is restored before anything else can run.
 */
function createDynalite(options: dynalite.Options): { server: Server; store: dynaliteDb.Store } {
  const originalCreate = dynaliteDb.create;
  let store: dynaliteDb.Store | undefined;
  dynaliteDb.create = (createOptions) => {
    store = originalCreate(createOptions);
    return store;
  };
  let server: Server;
  try {
    server = dynalite(options);
  } finally {
    dynaliteDb.create = originalCreate;
  }
  if (!store) throw new Error('dynalite did not create its store through db.create: pin dynalite 4.0.0');
  return { server, store };
}

function requestId(): string {
  // dynalite's format: 52 upper-case base64-ish characters.
  return randomBytes(39).toString('base64').toUpperCase().replace(/\+|\//g, '0');
}

function send(res: ServerResponse, contentType: string, statusCode: number, data: unknown): void {
  const body = JSON.stringify(data);
  res.statusCode = statusCode;
  // The AWS SDK checks x-amz-crc32 against the body bytes when present, as dynalite sends it.
  res.setHeader('x-amz-crc32', crc32(body));
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(length > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleTransaction(
  handler: TransactionHandler,
  operation: TransactOperation,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    res.statusCode = 413;
    res.end();
    return;
  }
  res.setHeader('x-amzn-RequestId', requestId());
  if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', '*');

  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (body.length > 0 && !JSON_CONTENT_TYPES.includes(contentType)) {
    res.statusCode = 404;
    res.end('<UnknownOperationException/>\n');
    return;
  }
  const responseType = contentType === 'application/x-amz-json-1.0' ? contentType : 'application/json';
  const serializationError = { __type: 'com.amazon.coral.service#SerializationException' };

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return send(res, responseType, 400, serializationError);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return send(res, responseType, 400, serializationError);
  if (!req.headers.authorization?.trim().startsWith('AWS4-') && !new URL(req.url ?? '/', 'http://x').searchParams.has('X-Amz-Algorithm')) {
    return send(res, responseType, 400, {
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  }

  try {
    send(res, responseType, 200, await handler(operation, parsed as Record<string, unknown>));
  } catch (err) {
    const apiError = asApiError(err) ?? internalServerError(err instanceof Error ? err.message : String(err));
    send(res, responseType, apiError.statusCode, apiError.body);
  }
}

/** Starts dynalite in this process with TransactWriteItems/TransactGetItems added; resolves once listening. */
export async function startEmbeddedDynamo(options: EmbeddedDynamoOptions = {}): Promise<EmbeddedDynamo> {
  const host = options.host ?? '127.0.0.1';
  const dynaliteOptions: dynalite.Options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
  if (options.dataDir !== undefined) dynaliteOptions.path = options.dataDir;
  const { server, store } = createDynalite(dynaliteOptions);
  const handler = createTransactionHandler(store);

  const [dynaliteListener] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!dynaliteListener) throw new Error('dynalite server has no request listener');
  server.removeAllListeners('request');

  let closing = false;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Keep-alive connections would otherwise hold close() open until the client lets go of them.
    if (closing) res.shouldKeepAlive = false;
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const operation = req.method === 'POST' ? TRANSACT_TARGETS.get(String(req.headers['x-amz-target'])) : undefined;
    if (!operation) return dynaliteListener(req, res);
    handleTransaction(handler, operation, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 'application/json', 500, internalServerError(String(err)).body);
      else res.destroy();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // dynalite's close() only closes the database of a server that was listening.
    await new Promise<void>((resolve) => store.db.close(() => resolve()));
    throw err;
  }

  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing = true;
        // dynalite's close stops listening, waits for pending Level operations and closes the database.
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
