import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createClient, type Client } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { createClients, createDatabase, signInternalToken, TABLES, type Database, type Role } from '@trading/platform';
import { readMetrics } from '../src/metrics';
import { ENTRY, REPO_ROOT, startServiceProcess, type ServiceProcess } from '../src/processes';
import { subscribe } from './ws-support';

// Every variable of the README's configuration table, set to a value other than its default on the real entry
// points (`npm start`, and each service's main.ts run alone), and what a client or an operator sees of it. Two `npm
// start` stacks (A with nearly every setting, B with the defaults that A overrides: a data folder, generated
// secrets, a safelist), and services run alone: a router, an orders subgraph and an inventory subgraph.
//
// | variable                      | set to (where)                        | observed effect                                                              |
// |-------------------------------|---------------------------------------|------------------------------------------------------------------------------|
// | PORT, USERS_PORT, INVENTORY_PORT, ORDERS_PORT | chosen free ports (A); PORT (router, orders alone) | those ports answer /health; A prints them                      |
// | HOST                          | 127.0.0.2 (A), 127.0.0.3 (router alone) | answers there, 127.0.0.1 refuses the connection; A's subgraphs on 127.0.0.1 |
// | DATA_DIR                      | a folder that does not exist (B)      | made with its parents: database files, jwt-secret, internal-secret, endpoint file |
// | DYNAMODB_ENDPOINT             | a recording proxy to `npm run db` (A) | A's requests reach it; A's users are in that database; no embedded files     |
// | AWS_REGION                    | eu-west-3 (A)                         | the region of the proxied requests' signatures                               |
// | DYNAMODB_TABLE_PREFIX         | cfg<random>- (A), solo<random>- (inventory alone) | the tables in the database; no `trading-` tables                 |
// | REDIS_URL                     | redis://127.0.0.1:6379/3 (A)          | keys in Redis database 3 (none in 0); A prints "Redis"; B prints "in-process" |
// | REDIS_KEY_PREFIX              | cfg:<uuid>: (A)                       | every key A made is under it                                                 |
// | JWT_SECRET                    | random (A); unset (B)                 | A's tokens verify with it; one the test signs with it is accepted            |
// | JWT_ISSUER, JWT_AUDIENCE      | cfg-issuer, cfg-audience (A)          | claims of A's tokens; the same token with the default claims is UNAUTHENTICATED |
// | JWT_TTL_SECONDS               | 120 (A)                               | exp - iat and `expiresAt` of the token                                        |
// | REFRESH_TTL_SECONDS           | 3600 (A)                              | the refresh token's expiry in the sessions table                             |
// | AUDIT_RETENTION_DAYS          | 30 (A)                                | the TTL attribute of an audit entry                                          |
// | INTERNAL_SECRET               | random (A); unset (B)                 | a subgraph accepts internal tokens signed with it, refuses others            |
// | BCRYPT_COST                   | 5 (A)                                 | `$2b$05$` stored password hash                                                |
// | LOGIN_ATTEMPTS_PER_USERNAME   | npm-start.e2e.test.ts (1)             | the second attempt on one account is RATE_LIMITED                            |
// | LOGIN_ATTEMPTS_PER_ADDRESS    | 3 (A)                                 | the 4th sign-in from one address (other names) is RATE_LIMITED               |
// | REGISTRATIONS_PER_ADDRESS     | 2 (A)                                 | the 3rd registration from one address is RATE_LIMITED                        |
// | RATE_LIMIT_PER_USER           | 40 (A)                                | of 41 requests of one user, exactly one is refused (429)                     |
// | RATE_LIMIT_PER_ADDRESS        | 6 (A)                                 | of 7 anonymous requests of one address, exactly one is refused (429)         |
// | RATE_LIMIT_PER_KEY            | 5 (A)                                 | of 6 requests with one API key, exactly one is refused (429)                 |
// | TRUST_PROXY                   | 1 (A)                                 | X-Forwarded-For is the address: rate limits per forwarded address, audit ip  |
// | MAX_DEPTH                     | 5 (router alone); npm-start (3)       | depth 6 MAX_DEPTH_EXCEEDED, depth 5 runs                                      |
// | MAX_ALIASES, MAX_ROOT_FIELDS, MAX_DIRECTIVES | 2 each (router alone)  | 3 refused with the limit's code, 2 run                                        |
// | MAX_TOKENS                    | 150 (router alone)                    | 160 tokens MAX_TOKENS_EXCEEDED, 140 run                                       |
// | MAX_COST                      | 700 (router alone)                    | cost 702 MAX_COST_EXCEEDED (`maxCost` 700), 693 runs                          |
// | MAX_VARIABLE_DEPTH            | 2 (router alone)                      | a variable 3 deep is BAD_USER_INPUT naming it, 2 deep runs                    |
// | MAX_BODY_BYTES                | 8192 (router alone)                   | a 9 kB body is 413 PAYLOAD_TOO_LARGE, 7 kB runs                                |
// | MAX_SOCKETS                   | 2 (A)                                 | a third socket is closed with 1013                                           |
// | MAX_SUBSCRIPTIONS_PER_SOCKET  | 2 (A)                                 | a third subscription on a socket is TOO_MANY_SUBSCRIPTIONS                   |
// | SOCKET_QUEUED_EVENTS          | 3 (router alone)                      | 4 order events for a client that stopped reading end its stream: SUBSCRIPTION_OVERFLOW |
// | SOCKET_KEEPALIVE_MS           | 1500 (A)                              | a WebSocket ping within 3.5 s (default 12 s)                                 |
// | SUBGRAPH_SHARE_IN_FLIGHT      | false (A), on (router alone)          | router_subgraph_fetches_shared_total after bursts of identical queries: 0 on A, > 0 alone |
// | DEDUPLICATE_IN_FLIGHT         | false (A), off (router alone); default (B) | router_requests_deduplicated_total after bursts of one user's identical queries: 0 on A, > 0 on B |
// | CORS_ORIGINS                  | two origins (A)                       | Access-Control-Allow-Origin for them, none for a default development origin  |
// | INTROSPECTION, SANDBOX        | false/off (A, development); true/yes (router alone, production) | refused and no landing page on A; allowed and served alone |
// | SAFELIST_FILE                 | a manifest (B)                        | its operations run (by body or id), others QUERY_NOT_IN_SAFELIST (403)        |
// | PRICE_FEED                    | off (inventory alone); npm-start (off) | its price never moves; A's (simulated) does                                  |
// | PRICE_TICK_MS                 | 250 (A)                               | marketTicks at least 250 ms apart, well under 1 s                             |
// | PRICE_VOLATILITY              | 0.05 (A)                              | moves above 0.2 % (the default bound), none above 5 %                        |
// | PRICE_LEADERS                 | 2 (A)                                 | the two largest of PRICE_SYMBOLS move in every tick                          |
// | PRICE_SHARE                   | 0.000001 (A)                          | the other symbols never move                                                 |
// | PRICE_SYMBOLS                 | 6 symbols (A)                         | no other symbol ever moves                                                   |
// | PRICE_HISTORY                 | simulated (A, B, inventory alone); npm-start (off) | the candles compared below exist                               |
// | PRICE_HISTORY_SEED            | 7 (A, inventory alone), 8 (B)         | same seed: the same old candles; another seed: others                        |
// | LOG_LEVEL                     | debug (A, orders alone), warn (B)     | debug lines in A's output; no info or debug line in B's                      |
// | WEB_APP_DIR                   | a folder with an index.html (A, B)    | its files at / and client routes; the router alone serves none (404)          |
// | OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER | collector, http/json, a name, parentbased_always_off (A) | JSON spans POSTed to /v1/traces under that name, only for a request with a sampled traceparent |
// | SUBGRAPH_URL_<NAME>           | A's users and inventory, orders alone (router alone) | each request id is in the log of the subgraph it names          |
// | INVENTORY_URL                 | a recording proxy to A's inventory (orders alone) | a market order's quote passes through it                          |

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trading-config-'));
const run = randomBytes(4).toString('hex');
const JWT_SECRET = randomBytes(32).toString('base64url');
const INTERNAL_SECRET = randomBytes(32).toString('base64url');
const REDIS = 'redis://127.0.0.1:6379';
const REDIS_DB = 3;
const REDIS_KEY_PREFIX = `cfg:${randomUUID()}:`;
const TABLE_PREFIX = `cfg${run}-`;
const SOLO_PREFIX = `solo${run}-`;
const ISSUER = 'cfg-issuer';
const AUDIENCE = 'cfg-audience';
const SERVICE_NAME = `cfg-trading-${run}`;
const PRICE_SYMBOLS = ['BTC', 'ETH', 'SOL', 'DOGE', 'ADA', 'LINK'];
const MARKER = `config-test-web-app-${run}`;

/** The old daily candles (well before anything the feed moved), the same query everywhere. */
const HISTORY = 'query History { asset(symbol: "BTC") { candles(interval: ONE_DAY, last: 365) { start close } } }';
const REGISTER = 'mutation Register($input: RegisterInput!) { register(input: $input) { token expiresAt refreshToken user { id username role } } }';
const ME = 'query Me { me { id username } }';

// ---------------------------------------------------------------------------------------------------------------
// Helpers: HTTP servers of the test's own (a collector, recording proxies), processes, requests.

/** Listens on a free port of 127.0.0.1 and resolves with its URL. */
async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An HTTP proxy to `target` that shows each request (with its body) to `observe` before forwarding it. */
async function recordingProxy(observe: (req: http.IncomingMessage, body: string) => void) {
  const agent = new http.Agent({ keepAlive: true });
  const proxy = { target: '', url: '', server: null as unknown as http.Server };
  proxy.server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      observe(req, body.toString());
      const forwarded = http.request(new URL(req.url ?? '/', proxy.target), { method: req.method, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forwarded.end(body);
    });
  });
  proxy.url = await listen(proxy.server);
  return Object.assign(proxy, { close: () => new Promise((resolve) => (agent.destroy(), proxy.server.close(resolve))) });
}

interface NpmStart {
  child: ChildProcess;
  url: string;
  subgraphs: { users: string; inventory: string; orders: string };
  output(): string;
}
const npmStarts: NpmStart[] = [];

/** `npm start` in its own process group with exactly `env` on top of this process's; resolves once it prints its URLs. */
function npmStart(env: Record<string, string>): Promise<NpmStart> {
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, detached: true, env: { ...process.env, ...env } });
  // The latest 8 MB or so of its output (stack A logs at debug level).
  const chunks: string[] = [];
  let held = 0;
  const output = () => chunks.join('');
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      chunks.push(chunk.toString());
      held += chunk.length;
      while (held > 8 * 1024 * 1024 && chunks.length > 1) held -= chunks.shift()!.length;
      const text = output();
      const url = /GraphQL API and Apollo Sandbox\s+(http:\/\/\S+)/.exec(text)?.[1];
      const users = /users (http:\/\/\S+)/.exec(text)?.[1];
      const inventory = /inventory (http:\/\/\S+)/.exec(text)?.[1];
      const orders = /orders (http:\/\/\S+)/.exec(text)?.[1];
      if (url && users && inventory && orders && /Events and locks/.test(text)) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', keep);
        const started = { child, url, subgraphs: { users, inventory, orders }, output };
        npmStarts.push(started);
        resolve(started);
      }
    };
    const keep = (chunk: Buffer) => {
      chunks.push(chunk.toString());
      held += chunk.length;
      while (held > 8 * 1024 * 1024 && chunks.length > 1) held -= chunks.shift()!.length;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', keep);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output()}`)));
  });
}

/** SIGTERM to the whole group, SIGKILL after 10 s; resolves once npm has exited. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A fresh client address for each anonymous request to stack A (which trusts one proxy and limits each address). */
let addresses = 0;
const nextAddress = () => {
  addresses += 1;
  return `10.${run.length}.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

interface Answer<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** Posts an operation as an HTTP client behind a proxy does (X-Forwarded-For: `ip`, a fresh address by default). */
async function post<T = Record<string, unknown>>(
  url: string,
  query: string | null,
  options: { variables?: Record<string, unknown>; token?: string; ip?: string; headers?: Record<string, string>; extensions?: unknown } = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.ip ?? nextAddress(),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({
      ...(query === null ? {} : { query }),
      variables: options.variables ?? {},
      ...(options.extensions ? { extensions: options.extensions } : {}),
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: Omit<Answer<T>, 'status' | 'headers'>;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${url} answered ${response.status} with ${text.slice(0, 300)}`);
  }
  return { ...body, status: response.status, headers: response.headers };
}

const codesOf = (answer: Answer<unknown>) => (answer.errors ?? []).map((error) => error.extensions?.code);

/** Registers a new user through `url` from the address `ip` (fresh by default). */
async function register(url: string, ip = nextAddress()) {
  const username = `cfg_${randomUUID().slice(0, 8)}`;
  const answer = await post<{
    register: { token: string; expiresAt: string; refreshToken: string; user: { id: string; username: string; role: Role } };
  }>(url, REGISTER, {
    ip,
    variables: { input: { username, email: `${username}@example.com`, password: 'correct horse battery', firstName: 'Ada', lastName: 'Lovelace' } },
  });
  if (!answer.data?.register) throw new Error(`register failed: ${JSON.stringify(answer.errors)}`);
  return { ...answer.data.register, ip };
}

/** Resolves once `check` returns something truthy; fails naming `what` after `ms`. */
async function until<T>(check: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const at = (graphqlUrl: string, route: string) => graphqlUrl.replace(/\/graphql$/, route);

/** The JSON log lines in a process's output. */
const logLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{"level"'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; requestId?: string; service?: string; name?: string });

/** A graphql-ws client whose socket carries `headers` on its upgrade request. */
function wsClientWith(httpUrl: string, headers: Record<string, string>, connectionParams: Record<string, unknown> = {}): Client {
  class WithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WithHeaders,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  return client;
}
const clients: Client[] = [];

interface WsMessage {
  id?: string;
  type: string;
  payload?: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } & Record<string, unknown>;
}

/** A graphql-transport-ws socket spoken by hand: what the client sends, every message it got, and when it was pinged. */
async function rawSocket(httpUrl: string, options: { headers?: Record<string, string>; token?: string; init?: boolean } = {}) {
  const ws = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: options.headers ?? {} });
  sockets.push(ws);
  const messages: WsMessage[] = [];
  const pings: number[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as WsMessage));
  ws.on('ping', () => pings.push(Date.now()));
  const opened = await new Promise<number>((resolve, reject) => {
    ws.once('open', () => resolve(Date.now()));
    ws.once('error', reject);
  });
  const send = (message: Record<string, unknown>) => ws.send(JSON.stringify(message));
  if (options.init !== false) {
    send({ type: 'connection_init', payload: options.token ? { authorization: `Bearer ${options.token}` } : {} });
    await until(() => messages.some((message) => message.type === 'connection_ack'), 'connection_ack');
  }
  return { ws, messages, pings, opened, closed, send, of: (id: string) => messages.filter((message) => message.id === id) };
}
const sockets: WebSocket[] = [];

/** Sends commands to Redis on one connection (RESP) and resolves with their replies. */
function redisCommands(commands: string[][]): Promise<unknown[]> {
  const { hostname, port } = new URL(REDIS);
  const encode = (args: string[]) => `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
  const parse = (buffer: Buffer, from: number): { value: unknown; end: number } | null => {
    const lineEnd = buffer.indexOf('\r\n', from);
    if (lineEnd < 0) return null;
    const kind = String.fromCharCode(buffer[from]!);
    const line = buffer.toString('utf8', from + 1, lineEnd);
    if (kind === '+' || kind === ':') return { value: kind === ':' ? Number(line) : line, end: lineEnd + 2 };
    if (kind === '-') return { value: new Error(line), end: lineEnd + 2 };
    if (kind === '$') {
      const length = Number(line);
      if (length < 0) return { value: null, end: lineEnd + 2 };
      if (buffer.length < lineEnd + 2 + length + 2) return null;
      return { value: buffer.toString('utf8', lineEnd + 2, lineEnd + 2 + length), end: lineEnd + 2 + length + 2 };
    }
    if (kind === '*') {
      const items: unknown[] = [];
      let end = lineEnd + 2;
      for (let i = 0; i < Number(line); i += 1) {
        const item = parse(buffer, end);
        if (!item) return null;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    throw new Error(`unexpected Redis reply: ${line}`);
  };
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let buffer = Buffer.alloc(0);
    const replies: unknown[] = [];
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let reply = parse(buffer, 0); reply; reply = parse(buffer, 0)) {
        replies.push(reply.value);
        buffer = buffer.subarray(reply.end);
      }
      if (replies.length === commands.length) {
        socket.end();
        resolve(replies);
      }
    });
    socket.write(commands.map(encode).join(''));
  });
}
const redisKeys = async (db: number, pattern: string) =>
  (
    await redisCommands([
      ['SELECT', String(db)],
      ['KEYS', pattern],
    ])
  )[1] as string[];

// ---------------------------------------------------------------------------------------------------------------
// The processes.

/** Spans the OTLP collector received, with what carried them. */
const exported: { service: string; traceId: string; path: string; contentType: string }[] = [];
/** What stack A sent its DynamoDB endpoint: the signing region of each request, and how many. */
const dynamoSeen = { regions: new Set<string>(), requests: 0 };
/** The requests orders (run alone) sent to its INVENTORY_URL. */
const inventorySeen: string[] = [];

let collector: http.Server;
let dynamoProxy: Awaited<ReturnType<typeof recordingProxy>>;
let inventoryProxy: Awaited<ReturnType<typeof recordingProxy>>;
let db: ServiceProcess;
let stackA: NpmStart;
let stackB: NpmStart;
let router: ServiceProcess;
let orders: ServiceProcess;
let inventory: ServiceProcess;
let database: Database;
const ports = { router: 0, users: 0, inventory: 0, orders: 0, routerAlone: 0, ordersAlone: 0 };
const dataDirA = path.join(tmp, 'a-data');
const dataDirB = path.join(tmp, 'fresh', 'nested', 'b-data');
const webAppDir = path.join(tmp, 'web');
const safelistFile = path.join(tmp, 'safelist.json');
const SAFELISTED = [REGISTER, ME, HISTORY];
/** Inventory alone's BTC price right after it started. */
let soloPriceAtStart = '';
let soloPriceReadAt = 0;

/** Common to the processes that share stack A's database and Redis. */
const sharedWithA = () => ({
  NODE_ENV: 'development',
  REDIS_URL: `${REDIS}/${REDIS_DB}`,
  REDIS_KEY_PREFIX,
  DYNAMODB_TABLE_PREFIX: TABLE_PREFIX,
  JWT_SECRET,
  JWT_ISSUER: ISSUER,
  JWT_AUDIENCE: AUDIENCE,
  INTERNAL_SECRET,
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
});

beforeAll(async () => {
  fs.mkdirSync(webAppDir);
  fs.writeFileSync(path.join(webAppDir, 'index.html'), `<!doctype html><title>${MARKER}</title><div id="root"></div>`);
  fs.writeFileSync(path.join(webAppDir, 'hello.txt'), MARKER);
  fs.writeFileSync(
    safelistFile,
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: SAFELISTED.map((body) => ({ id: createHash('sha256').update(body).digest('hex'), body })),
    }),
  );
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const contentType = String(req.headers['content-type']);
      if (contentType.startsWith('application/json')) {
        const payload = JSON.parse(body) as {
          resourceSpans?: {
            resource?: { attributes?: { key: string; value?: { stringValue?: string } }[] };
            scopeSpans?: { spans?: { traceId: string }[] }[];
          }[];
        };
        for (const { resource, scopeSpans } of payload.resourceSpans ?? []) {
          const service = resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value?.stringValue ?? '?';
          for (const { spans } of scopeSpans ?? [])
            for (const span of spans ?? []) exported.push({ service, traceId: span.traceId, path: req.url ?? '', contentType });
        }
      } else exported.push({ service: '?', traceId: '?', path: req.url ?? '', contentType });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const collectorUrl = await listen(collector);
  dynamoProxy = await recordingProxy((req) => {
    dynamoSeen.requests += 1;
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\/dynamodb\//.exec(String(req.headers.authorization))?.[1];
    if (region) dynamoSeen.regions.add(region);
  });
  inventoryProxy = await recordingProxy((_req, body) => inventorySeen.push(body));
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
  inventoryProxy.target = `http://127.0.0.1:${ports.inventory}`;

  db = await startServiceProcess(ENTRY.db, { DATA_DIR: 'memory', DYNAMODB_PORT: '0', LOG_LEVEL: 'info' });
  dynamoProxy.target = db.url;
  database = createDatabase({ endpoint: db.url, region: 'us-east-1', tablePrefix: TABLE_PREFIX });

  const started = await Promise.all([
    npmStart({
      ...sharedWithA(),
      PORT: String(ports.router),
      USERS_PORT: String(ports.users),
      INVENTORY_PORT: String(ports.inventory),
      ORDERS_PORT: String(ports.orders),
      HOST: '127.0.0.2',
      DATA_DIR: dataDirA,
      DYNAMODB_ENDPOINT: dynamoProxy.url,
      AWS_REGION: 'eu-west-3',
      JWT_TTL_SECONDS: '120',
      REFRESH_TTL_SECONDS: '3600',
      AUDIT_RETENTION_DAYS: '30',
      BCRYPT_COST: '5',
      LOGIN_ATTEMPTS_PER_ADDRESS: '3',
      REGISTRATIONS_PER_ADDRESS: '2',
      RATE_LIMIT_PER_USER: '40',
      RATE_LIMIT_PER_ADDRESS: '6',
      RATE_LIMIT_PER_KEY: '5',
      TRUST_PROXY: '1',
      MAX_SOCKETS: '2',
      MAX_SUBSCRIPTIONS_PER_SOCKET: '2',
      SOCKET_KEEPALIVE_MS: '1500',
      SUBGRAPH_SHARE_IN_FLIGHT: 'false',
      DEDUPLICATE_IN_FLIGHT: 'false',
      CORS_ORIGINS: 'https://app.config.test, https://admin.config.test',
      INTROSPECTION: 'false',
      SANDBOX: 'off',
      PRICE_FEED: 'simulated',
      PRICE_TICK_MS: '250',
      PRICE_VOLATILITY: '0.05',
      PRICE_LEADERS: '2',
      PRICE_SHARE: '0.000001',
      PRICE_SYMBOLS: ` ${PRICE_SYMBOLS[0]!.toLowerCase()}, ${PRICE_SYMBOLS.slice(1).join(',')}`,
      PRICE_HISTORY: 'simulated',
      PRICE_HISTORY_SEED: '7',
      LOG_LEVEL: 'debug',
      WEB_APP_DIR: webAppDir,
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: SERVICE_NAME,
      OTEL_TRACES_SAMPLER: 'parentbased_always_off',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    }),
    npmStart({
      NODE_ENV: 'development',
      PORT: '0',
      USERS_PORT: '0',
      INVENTORY_PORT: '0',
      ORDERS_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDirB,
      DYNAMODB_ENDPOINT: '',
      REDIS_URL: '',
      JWT_SECRET: '',
      INTERNAL_SECRET: '',
      BCRYPT_COST: '4',
      SAFELIST_FILE: safelistFile,
      PRICE_HISTORY_SEED: '8',
      LOG_LEVEL: 'warn',
      WEB_APP_DIR: webAppDir,
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    }),
    startServiceProcess(ENTRY.inventory, {
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      DYNAMODB_ENDPOINT: db.url,
      DYNAMODB_TABLE_PREFIX: SOLO_PREFIX,
      REDIS_URL: '',
      JWT_SECRET,
      INTERNAL_SECRET,
      PRICE_FEED: 'off',
      PRICE_HISTORY_SEED: '7',
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    }),
    startServiceProcess(ENTRY.orders, {
      ...sharedWithA(),
      PORT: String(ports.ordersAlone),
      HOST: '127.0.0.1',
      DYNAMODB_ENDPOINT: db.url,
      INVENTORY_URL: `${inventoryProxy.url}/graphql`,
      LOG_LEVEL: 'debug',
    }),
    startServiceProcess(ENTRY.router, {
      ...sharedWithA(),
      NODE_ENV: 'production',
      PORT: String(ports.routerAlone),
      HOST: '127.0.0.3',
      DYNAMODB_ENDPOINT: db.url,
      SUBGRAPH_URL_USERS: `http://127.0.0.1:${ports.users}/graphql`,
      SUBGRAPH_URL_INVENTORY: `http://127.0.0.1:${ports.inventory}/graphql`,
      SUBGRAPH_URL_ORDERS: `http://127.0.0.1:${ports.ordersAlone}/graphql`,
      INTROSPECTION: 'true',
      SANDBOX: 'yes',
      MAX_DEPTH: '5',
      MAX_ALIASES: '2',
      MAX_ROOT_FIELDS: '2',
      MAX_DIRECTIVES: '2',
      MAX_TOKENS: '150',
      MAX_COST: '700',
      MAX_VARIABLE_DEPTH: '2',
      MAX_BODY_BYTES: '8192',
      SOCKET_QUEUED_EVENTS: '3',
      // Long enough that the socket of the slow-client test (which does not answer pings while it stops reading) stays.
      SOCKET_KEEPALIVE_MS: '60000',
      SUBGRAPH_SHARE_IN_FLIGHT: 'on',
      // Off here, so that identical queries reach the subgraph client and show its sharing (B shows this one's).
      DEDUPLICATE_IN_FLIGHT: 'off',
      LOG_LEVEL: 'info',
    }),
  ]);
  [stackA, stackB, inventory, orders, router] = started;
  const price = await soloQuery<{ asset: { price: string } }>(inventory.url, '{ asset(symbol: "BTC") { price } }', INTERNAL_SECRET);
  soloPriceAtStart = price.data!.asset.price;
  soloPriceReadAt = Date.now();
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all([...npmStarts.map((started) => stopGroup(started.child)), router?.stop(), orders?.stop(), inventory?.stop()]);
  await db?.stop();
  database?.close();
  await Promise.all([
    dynamoProxy?.close(),
    inventoryProxy?.close(),
    new Promise((resolve) => (collector ? collector.close(resolve) : resolve(null))),
  ]);
  const keys = await redisKeys(REDIS_DB, `${REDIS_KEY_PREFIX}*`).catch(() => []);
  if (keys.length)
    await redisCommands([
      ['SELECT', String(REDIS_DB)],
      ['DEL', ...keys],
    ]);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

/** An operation sent straight to a subgraph, with an internal token signed with `secret`. */
function soloQuery<T>(subgraphUrl: string, query: string, secret: string, identity: Parameters<typeof signInternalToken>[1]['identity'] = null) {
  return post<T>(subgraphUrl, query, { headers: { authorization: `Bearer ${signInternalToken(secret, { identity })}` } });
}

// ---------------------------------------------------------------------------------------------------------------
// npm start: stack A.

describe('npm start (stack A) honours every setting it is given', () => {
  test('PORT, USERS_PORT, INVENTORY_PORT, ORDERS_PORT and HOST: the router on HOST, the subgraphs on 127.0.0.1, each on its port', async () => {
    expect(stackA.url).toBe(`http://127.0.0.2:${ports.router}/graphql`);
    expect(stackA.subgraphs).toEqual({
      users: `http://127.0.0.1:${ports.users}/graphql`,
      inventory: `http://127.0.0.1:${ports.inventory}/graphql`,
      orders: `http://127.0.0.1:${ports.orders}/graphql`,
    });
    for (const url of [stackA.url, ...Object.values(stackA.subgraphs)]) expect((await fetch(at(url, '/health'))).status).toBe(200);
    // Bound to 127.0.0.2 only: the same port on 127.0.0.1 has nothing listening.
    await expect(fetch(`http://127.0.0.1:${ports.router}/health`)).rejects.toThrow();
  });

  test('DYNAMODB_ENDPOINT, AWS_REGION, DYNAMODB_TABLE_PREFIX, BCRYPT_COST: where and how the data is stored', async () => {
    const user = await register(stackA.url);
    // Every request went to the endpoint, signed for the region.
    expect(dynamoSeen.requests).toBeGreaterThan(100);
    expect([...dynamoSeen.regions]).toEqual(['eu-west-3']);
    // The tables of that database are the prefix's, and the account is in them, its password hashed at cost 5.
    const { raw } = createClients({ endpoint: db.url, region: 'us-east-1' });
    const tables = (await raw.send(new ListTablesCommand({}))).TableNames ?? [];
    raw.destroy();
    expect(tables).toEqual(expect.arrayContaining(Object.keys(TABLES).map((key) => `${TABLE_PREFIX}${key}`)));
    expect(tables.filter((name) => name.startsWith('trading-'))).toEqual([]);
    const stored = await database.doc.send(new GetCommand({ TableName: `${TABLE_PREFIX}users`, Key: { id: user.user.id } }));
    expect(String(stored.Item?.passwordHash)).toMatch(/^\$2b\$05\$/);
    // Nothing embedded: no database files in DATA_DIR.
    expect(fs.existsSync(path.join(dataDirA, 'dynamodb'))).toBe(false);
  });

  test('JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_TTL_SECONDS: the tokens issued and the ones accepted', async () => {
    const user = await register(stackA.url);
    const claims = jwt.verify(user.token, JWT_SECRET, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(Math.abs(Date.parse(user.expiresAt) - (Date.now() + 120_000))).toBeLessThan(15_000);
    const me = (token: string) => post<{ me: { username: string } }>(stackA.url, ME, { token });
    expect((await me(user.token)).data?.me.username).toBe(user.user.username);
    // A token the test signs with the same secret and claims is accepted; with the defaults' claims, or another key, not.
    const sign = (options: { secret?: string; issuer?: string; audience?: string }) =>
      jwt.sign({ role: claims.role as string, sid: claims.sid as string }, options.secret ?? JWT_SECRET, {
        algorithm: 'HS256',
        subject: user.user.id,
        issuer: options.issuer ?? ISSUER,
        audience: options.audience ?? AUDIENCE,
        expiresIn: 60,
      });
    expect((await me(sign({}))).data?.me.username).toBe(user.user.username);
    for (const forged of [
      sign({ issuer: 'trading-platform' }),
      sign({ audience: 'trading-api' }),
      sign({ secret: randomBytes(32).toString('base64url') }),
    ]) {
      const refused = await me(forged);
      expect(codesOf(refused)).toEqual(['UNAUTHENTICATED']);
      expect(refused.status).toBe(401);
    }
  });

  test('REFRESH_TTL_SECONDS, AUDIT_RETENTION_DAYS, TRUST_PROXY: the session and the audit entry a registration leaves', async () => {
    const ip = nextAddress();
    const user = await register(stackA.url, ip);
    const sessions = await database.doc.send(
      new ScanCommand({ TableName: `${TABLE_PREFIX}sessions`, FilterExpression: 'userId = :u', ExpressionAttributeValues: { ':u': user.user.id } }),
    );
    expect(sessions.Items).toHaveLength(1);
    const session = sessions.Items![0]!;
    expect(Number(String(session.refreshExpiresAt)) - Date.parse(String(session.createdAt)) / 1000).toBeCloseTo(3600, -1);
    const audit = await until(
      async () =>
        (
          await database.doc.send(
            new QueryCommand({
              TableName: `${TABLE_PREFIX}auditEvents`,
              KeyConditionExpression: 'subjectKey = :s',
              ExpressionAttributeValues: { ':s': user.user.id },
            }),
          )
        ).Items?.find((item) => item.action === 'REGISTER'),
      'the REGISTER audit entry',
    );
    // The address is the forwarded one (one proxy trusted), and the entry is kept 30 days.
    expect(audit.ip).toBe(ip);
    expect(Number(String(audit.expiresAt)) - Math.floor(Date.parse(String(audit.at)) / 1000)).toBe(30 * 86_400);
  });

  test('INTERNAL_SECRET: a subgraph takes the identities signed with it, and no others', async () => {
    const user = await register(stackA.url);
    const identity = { userId: user.user.id, role: user.user.role, sessionId: String((jwt.decode(user.token) as jwt.JwtPayload).sid) };
    const signed = await soloQuery<{ me: { username: string } }>(stackA.subgraphs.users, ME, INTERNAL_SECRET, identity);
    expect(signed.data?.me.username).toBe(user.user.username);
    const other = await soloQuery(stackA.subgraphs.users, ME, randomBytes(32).toString('base64url'), identity);
    expect(codesOf(other)).toEqual(['UNAUTHENTICATED']);
  });

  test('RATE_LIMIT_PER_ADDRESS and TRUST_PROXY: 6 anonymous requests per forwarded address, then 429', async () => {
    const ip = nextAddress();
    const answers = await Promise.all(Array.from({ length: 7 }, () => post(stackA.url, '{ __typename }', { ip })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(codesOf(refused)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another forwarded address (through the same proxy, the same peer) has its own budget.
    expect((await post(stackA.url, '{ __typename }', { ip: nextAddress() })).status).toBe(200);
  });

  test('RATE_LIMIT_PER_USER: 40 requests per user, then 429', async () => {
    const user = await register(stackA.url);
    const answers = await Promise.all(Array.from({ length: 41 }, () => post(stackA.url, ME, { token: user.token })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(40);
    expect(answers.filter((answer) => answer.status === 429).map(codesOf)).toEqual([['RATE_LIMITED']]);
  });

  test('RATE_LIMIT_PER_KEY: 5 requests per API key, then 429; the quota headers name the budget', async () => {
    const user = await register(stackA.url);
    const created = await post<{ createApiKey: { secret: string } }>(
      stackA.url,
      'mutation { createApiKey(input: { name: "cfg", scopes: [READ] }) { secret } }',
      {
        token: user.token,
      },
    );
    const authorization = `ApiKey ${created.data!.createApiKey.secret}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(stackA.url, '{ __typename }', { headers: { authorization } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[0]!.headers.get('ratelimit-policy')).toBe('"key";q=5;w=60');
  });

  test('LOGIN_ATTEMPTS_PER_ADDRESS and REGISTRATIONS_PER_ADDRESS: sign-ins and registrations per address', async () => {
    const ip = nextAddress();
    const login = (username: string) =>
      post(stackA.url, 'mutation($i: LoginInput!) { login(input: $i) { token } }', { ip, variables: { i: { username, password: 'a wrong guess' } } });
    const logins: (string | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) logins.push(codesOf(await login(`nobody_${run}_${i}`))[0]);
    expect(logins).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);

    const from = nextAddress();
    await register(stackA.url, from);
    await register(stackA.url, from);
    await expect(register(stackA.url, from)).rejects.toThrow(/RATE_LIMITED/);
    // Another address may still register.
    await register(stackA.url);
  });

  test('CORS_ORIGINS, INTROSPECTION, SANDBOX, WEB_APP_DIR: what a browser gets', async () => {
    const preflight = (origin: string) =>
      fetch(stackA.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    for (const origin of ['https://app.config.test', 'https://admin.config.test']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    // The development default (the Vite dev server) is replaced, not added to.
    expect((await preflight('http://localhost:5173')).headers.get('access-control-allow-origin')).toBeNull();

    const introspection = await post(stackA.url, '{ __schema { queryType { name } } }');
    expect(codesOf(introspection)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const landing = await fetch(stackA.url, { headers: { accept: 'text/html' } });
    expect(landing.headers.get('content-type') ?? '').not.toContain('text/html');

    for (const route of ['/', '/markets']) {
      const page = await fetch(at(stackA.url, route));
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain(MARKER);
    }
    expect(await (await fetch(at(stackA.url, '/hello.txt'))).text()).toBe(MARKER);
  });

  test('PRICE_TICK_MS, PRICE_VOLATILITY, PRICE_LEADERS, PRICE_SHARE, PRICE_SYMBOLS: the ticks of the simulated market', async () => {
    const client = wsClientWith(stackA.url, { 'x-forwarded-for': nextAddress() });
    const ticks = subscribe<{ marketTicks: { at: string; ticks: { symbol: string; price: string; previousPrice: string }[] } }>(
      client,
      'subscription { marketTicks { at ticks { symbol price previousPrice } } }',
    );
    const events: { at: string; ticks: { symbol: string; price: string; previousPrice: string }[] }[] = [];
    try {
      while (events.length < 16) events.push((await ticks.next(10_000)).data!.marketTicks);
    } finally {
      ticks.dispose();
      await client.dispose();
    }
    const caps = await post<{ assets: { edges: { node: { symbol: string; marketCap: string } }[] } }>(
      stackA.url,
      '{ assets(first: 100) { edges { node { symbol marketCap } } } }',
    );
    const leaders = caps
      .data!.assets.edges.map((edge) => edge.node)
      .filter((asset) => PRICE_SYMBOLS.includes(asset.symbol))
      .sort((a, b) => Number(b.marketCap) - Number(a.marketCap))
      .slice(0, 2)
      .map((asset) => asset.symbol)
      .sort();
    expect(leaders).toHaveLength(2);
    // The two leaders move in every tick, and nothing else ever does.
    for (const event of events) expect(event.ticks.map((tick) => tick.symbol).sort()).toEqual(leaders);
    const moves = events.flatMap((event) => event.ticks.map((tick) => Math.abs(Number(tick.price) / Number(tick.previousPrice) - 1)));
    expect(Math.max(...moves)).toBeGreaterThan(0.002);
    expect(Math.max(...moves)).toBeLessThanOrEqual(0.05 + 1e-9);
    const gaps = events.slice(1).map((event, i) => Date.parse(event.at) - Date.parse(events[i]!.at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(240);
    expect(gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]).toBeLessThan(900);
  }, 30_000);

  test('SOCKET_KEEPALIVE_MS, MAX_SOCKETS, MAX_SUBSCRIPTIONS_PER_SOCKET: the socket endpoint', async () => {
    await until(async () => (await readMetrics(at(stackA.url, '/metrics')))['router_open_sockets'] === 0, 'no socket open on the router');
    const first = await rawSocket(stackA.url, { headers: { 'x-forwarded-for': nextAddress() } });
    await until(() => first.pings.length > 0, 'a ping', 5000);
    expect(first.pings[0]! - first.opened).toBeGreaterThan(1000);
    expect(first.pings[0]! - first.opened).toBeLessThan(3500);

    const ip = nextAddress();
    const second = await rawSocket(stackA.url, { headers: { 'x-forwarded-for': ip } });
    for (const id of ['one', 'two', 'three'])
      second.send({
        id,
        type: 'subscribe',
        payload: { query: `subscription { priceChanged(symbols: ["${id === 'one' ? 'BTC' : 'ETH'}"]) { price } }` },
      });
    const refused = await until(() => second.messages.find((message) => message.type === 'error'), 'a refused subscription');
    expect(refused.payload).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS' }) })]);
    expect(second.messages.filter((message) => message.type === 'error')).toHaveLength(1);

    const third = await rawSocket(stackA.url, { headers: { 'x-forwarded-for': nextAddress() }, init: false });
    expect(await third.closed).toEqual({ code: 1013, reason: expect.stringMatching(/too many connections/i) });
    first.ws.close();
    second.ws.close();
  });

  test('SUBGRAPH_SHARE_IN_FLIGHT=false: identical queries in flight are each fetched (the router alone, on, shares them)', async () => {
    const burst = (url: string, token: string) =>
      Promise.all(Array.from({ length: 12 }, () => post(url, '{ assets(first: 3) { edges { node { symbol name } } } }', { token })));
    const shared = async (url: string) => (await readMetrics(at(url, '/metrics')))['router_subgraph_fetches_shared_total'] ?? 0;
    const onA = await register(stackA.url);
    for (let i = 0; i < 3; i += 1) expect((await burst(stackA.url, onA.token)).every((answer) => answer.status === 200)).toBe(true);
    const alone = await register(stackA.url);
    for (let i = 0; i < 10 && (await shared(router.url)) === 0; i += 1) await burst(router.url, alone.token);
    expect(await shared(router.url)).toBeGreaterThan(0);
    expect(await shared(stackA.url)).toBe(0);
  });

  test('REDIS_URL and REDIS_KEY_PREFIX: the keys are in that Redis database, under that prefix', async () => {
    expect(stackA.output()).toMatch(/Events and locks\s+Redis/);
    expect(stackB.output()).toMatch(/Events and locks\s+in-process/);
    const keys = await redisKeys(REDIS_DB, `${REDIS_KEY_PREFIX}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => key.includes('requests:user'))).toBe(true);
    expect(await redisKeys(0, `${REDIS_KEY_PREFIX}*`)).toEqual([]);
  });

  test('OTEL_*: spans posted as JSON to the endpoint, under the service name, for sampled requests only', async () => {
    // Requests without a trace context: parentbased_always_off samples none of them.
    for (let i = 0; i < 3; i += 1) await post(stackA.url, '{ asset(symbol: "BTC") { name } }');
    const traceId = randomBytes(16).toString('hex');
    const traced = await post(stackA.url, ME, {
      token: (await register(stackA.url)).token,
      headers: { traceparent: `00-${traceId}-${'2'.repeat(16)}-01` },
    });
    expect(traced.status).toBe(200);
    await until(() => exported.filter((span) => span.traceId === traceId).length >= 3, 'the sampled request spans', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(new Set(exported.map((span) => span.traceId))).toEqual(new Set([traceId]));
    expect(new Set(exported.map((span) => `${span.service} ${span.path} ${span.contentType.split(';')[0]}`))).toEqual(
      new Set([`${SERVICE_NAME} /v1/traces application/json`]),
    );
  }, 30_000);

  test('LOG_LEVEL: debug lines in the output of A (debug), no info or debug line in that of B (warn)', async () => {
    const a = logLines(stackA.output());
    expect(a.some((line) => line.level === 20 && line.msg === 'graphql request')).toBe(true);
    await post(stackB.url, ME); // refused by B's safelist; logged at info level were it logging info
    const b = logLines(stackB.output());
    expect(b.filter((line) => line.level < 40)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// npm start: stack B (a fresh data folder, generated secrets, a safelist).

describe('npm start (stack B) with a new data folder and a safelist', () => {
  test('DATA_DIR: a folder that did not exist is made, with the database, the generated secrets and the endpoint file', async () => {
    expect(fs.readdirSync(path.join(dataDirB, 'dynamodb')).length).toBeGreaterThan(0);
    const jwtSecret = fs.readFileSync(path.join(dataDirB, 'jwt-secret'), 'utf8').trim();
    const internalSecret = fs.readFileSync(path.join(dataDirB, 'internal-secret'), 'utf8').trim();
    expect(fs.statSync(path.join(dataDirB, 'jwt-secret')).mode & 0o077).toBe(0);
    // B's tokens are signed with the generated secret (and the default claims).
    const user = await register(stackB.url);
    expect(() => jwt.verify(user.token, jwtSecret, { issuer: 'trading-platform', audience: 'trading-api' })).not.toThrow();
    expect(() => jwt.verify(user.token, JWT_SECRET)).toThrow();
    // Its subgraphs take identities signed with the generated internal secret.
    expect((await soloQuery(stackB.subgraphs.users, '{ __typename }', internalSecret)).data).toEqual({ __typename: 'Query' });
    // The endpoint file names the running embedded database, with the default table prefix.
    const endpoint = fs.readFileSync(path.join(dataDirB, 'embedded-dynamodb.url'), 'utf8').trim();
    const { raw } = createClients({ endpoint, region: 'us-east-1' });
    expect((await raw.send(new ListTablesCommand({}))).TableNames).toContain('trading-users');
    raw.destroy();
  });

  test('DEDUPLICATE_IN_FLIGHT (default on): identical queries of one caller in flight share executions on B, never on A (off)', async () => {
    const deduplicated = async (url: string) => (await readMetrics(at(url, '/metrics')))['router_requests_deduplicated_total'] ?? 0;
    const burst = (url: string, token: string) => Promise.all(Array.from({ length: 12 }, () => post(url, ME, { token })));
    const onB = await register(stackB.url);
    for (let i = 0; i < 10 && (await deduplicated(stackB.url)) === 0; i += 1) await burst(stackB.url, onB.token);
    expect(await deduplicated(stackB.url)).toBeGreaterThan(0);
    const onA = await register(stackA.url);
    for (let i = 0; i < 3; i += 1) await burst(stackA.url, onA.token);
    expect(await deduplicated(stackA.url)).toBe(0);
  });

  test('SAFELIST_FILE: the manifest operations run, by body or by id; anything else is QUERY_NOT_IN_SAFELIST', async () => {
    const user = await register(stackB.url);
    expect((await post<{ me: { username: string } }>(stackB.url, ME, { token: user.token })).data?.me.username).toBe(user.user.username);
    const byId = await post<{ me: { username: string } }>(stackB.url, null, {
      token: user.token,
      extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(ME).digest('hex') } },
    });
    expect(byId.data?.me.username).toBe(user.user.username);
    const other = await post(stackB.url, '{ me { id } }', { token: user.token });
    expect(codesOf(other)).toEqual(['QUERY_NOT_IN_SAFELIST']);
    expect(other.status).toBe(403);
  });

  test('PRICE_HISTORY_SEED: the same seed gives the same simulated past, another seed another', async () => {
    type History = { asset: { candles: { start: string; close: string }[] } };
    const cutoff = Date.now() - 40 * 86_400_000;
    const old = (answer: Answer<History>) => answer.data!.asset.candles.filter((candle) => Date.parse(candle.start) < cutoff);
    const seven = old(await post<History>(stackA.url, HISTORY));
    const eight = old(await post<History>(stackB.url, HISTORY));
    const sevenAlone = old(await soloQuery<History>(inventory.url, HISTORY, INTERNAL_SECRET));
    expect(seven.length).toBeGreaterThan(300);
    expect(sevenAlone).toEqual(seven);
    expect(eight).toHaveLength(seven.length);
    expect(eight).not.toEqual(seven);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Services run alone: the router, orders and inventory, each from its own main.ts.

describe('services run alone honour their settings', () => {
  test('PORT and HOST: the router answers on its port of 127.0.0.3 only; NODE_ENV=production with INTROSPECTION and SANDBOX on', async () => {
    expect(router.url).toBe(`http://127.0.0.3:${ports.routerAlone}/graphql`);
    expect(orders.url).toBe(`http://127.0.0.1:${ports.ordersAlone}/graphql`);
    expect((await fetch(at(router.url, '/health'))).status).toBe(200);
    await expect(fetch(`http://127.0.0.1:${ports.routerAlone}/health`)).rejects.toThrow();
    // Production would turn both off; the settings turn them on.
    const schema = await post<{ __schema: { queryType: { name: string } } }>(router.url, '{ __schema { queryType { name } } }');
    expect(schema.data?.__schema.queryType.name).toBe('Query');
    const landing = await fetch(router.url, { headers: { accept: 'text/html' } });
    expect(landing.headers.get('content-type')).toContain('text/html');
    expect((await landing.text()).toLowerCase()).toContain('sandbox');
    // WEB_APP_DIR unset: no web app alone.
    expect((await fetch(at(router.url, '/'))).status).toBe(404);
  });

  test('MAX_DEPTH, MAX_ALIASES, MAX_ROOT_FIELDS, MAX_DIRECTIVES, MAX_TOKENS, MAX_COST, MAX_VARIABLE_DEPTH, MAX_BODY_BYTES', async () => {
    const user = await register(stackA.url);
    const run = (query: string, variables?: Record<string, unknown>) =>
      post(router.url, query, { token: user.token, ...(variables ? { variables } : {}) });
    const cases: [string, string, string, Record<string, unknown>?][] = [
      ['MAX_DEPTH_EXCEEDED', '{ me { orders { edges { node { id } } } } }', '{ me { orders { edges { node { asset { symbol } } } } } }'],
      // Aliases of __typename are free (graphql-armor's allow list): these alias fields.
      ['MAX_ALIASES_EXCEEDED', '{ me { a: id b: id } }', '{ me { a: id b: id c: id } }'],
      [
        'MAX_ROOT_FIELDS_EXCEEDED',
        '{ me { id } asset(symbol: "BTC") { symbol } }',
        '{ me { id } asset(symbol: "BTC") { symbol } assets(first: 1) { edges { cursor } } }',
      ],
      [
        'MAX_DIRECTIVES_EXCEEDED',
        '{ me @include(if: true) { id @include(if: true) } }',
        '{ me @include(if: true) { id @include(if: true) username @include(if: true) } }',
      ],
      ['MAX_TOKENS_EXCEEDED', `{ ${'__typename '.repeat(140)}}`, `{ ${'__typename '.repeat(160)}}`],
    ];
    for (const [code, within, over] of cases) {
      expect({ code, within: codesOf(await run(within)) }).toEqual({ code, within: [] });
      const refused = await run(over);
      expect({ code, over: codesOf(refused) }).toEqual({ code, over: [code] });
    }
    const page = (first: number) => `{ assets(first: ${first}) { edges { node { symbol name price change24h marketCap description } } } }`;
    expect(codesOf(await run(page(77)))).toEqual([]);
    const costly = await run(page(78));
    expect(codesOf(costly)).toEqual(['MAX_COST_EXCEEDED']);
    expect(costly.errors?.[0]?.extensions).toMatchObject({ maxCost: 700, cost: 702 });

    expect(codesOf(await run('{ __typename }', { deep: [['x']] }))).toEqual([]);
    const deep = await run('{ __typename }', { deep: [[['x']]] });
    expect(codesOf(deep)).toEqual(['BAD_USER_INPUT']);
    expect(deep.errors?.[0]?.extensions?.variable).toBe('deep');
    expect(deep.errors?.[0]?.message).toMatch(/deeper than 2 levels/);

    expect((await post(router.url, '{ __typename }', { variables: { pad: 'x'.repeat(7000) } })).status).toBe(200);
    const big = await post(router.url, '{ __typename }', { variables: { pad: 'x'.repeat(9000) } });
    expect(big.status).toBe(413);
    expect(codesOf(big)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(big.errors?.[0]?.message).toContain('8192');
  });

  test("SUBGRAPH_URL_<NAME> and INVENTORY_URL: each request reaches the subgraph the router was told, and orders' quotes come from INVENTORY_URL", async () => {
    const user = await register(stackA.url);
    await post(router.url, 'mutation { deposit(amount: "100") { id } }', { token: user.token });
    const requestId = `cfg-where-${randomBytes(6).toString('hex')}`;
    const where = await post<{ me: { username: string }; assets: { edges: unknown[] } }>(
      router.url,
      'query Where { me { username orders(first: 1) { edges { node { id } } } } assets(first: 1) { edges { node { symbol } } } }',
      { token: user.token, headers: { 'x-request-id': requestId } },
    );
    expect(where.errors).toBeUndefined();
    expect(where.data?.me.username).toBe(user.user.username);
    const servicesOf = (output: string) =>
      new Set(
        logLines(output)
          .filter((line) => line.requestId === requestId)
          .map((line) => line.service ?? line.name),
      );
    // Users and inventory are stack A's (whose log has the id), orders the one run alone (not A's own).
    await until(() => servicesOf(stackA.output()).size >= 2 && servicesOf(orders.output()).size >= 1, 'the request in the subgraphs’ logs');
    expect(servicesOf(stackA.output())).toEqual(new Set(['users', 'inventory']));
    expect(servicesOf(orders.output())).toEqual(new Set(['orders']));

    const quote = await post<{ asset: { price: string } }>(stackA.url, '{ asset(symbol: "LTC") { price } }');
    const seen = inventorySeen.length;
    const bought = await post<{ placeOrder: { status: string; price: string } }>(
      router.url,
      'mutation { placeOrder(input: { symbol: "LTC", side: BUY, type: MARKET, quantity: "0.1" }) { status price } }',
      { token: user.token },
    );
    expect(bought.data?.placeOrder).toEqual({ status: 'FILLED', price: quote.data!.asset.price });
    expect(inventorySeen.slice(seen).some((body) => body.includes('Quotes') && body.includes('LTC'))).toBe(true);
  });

  test('SOCKET_QUEUED_EVENTS: a client that stops reading has 3 order events held, and the 4th ends its stream', async () => {
    const user = await register(stackA.url);
    await post(router.url, 'mutation { deposit(amount: "100") { id } }', { token: user.token });
    const ORDER_UPDATES = 'subscription { orderUpdated { id status } }';
    const placeLimit = async () => {
      const placed = await post<{ placeOrder: { id: string } }>(
        router.url,
        'mutation { placeOrder(input: { symbol: "LTC", side: BUY, type: LIMIT, quantity: "0.1", limitPrice: "1" }) { id } }',
        { token: user.token },
      );
      if (!placed.data) throw new Error(`placeOrder: ${JSON.stringify(placed.errors)}`);
      return placed.data.placeOrder.id;
    };
    // A client that reads, sharing the upstream stream of the slow one: when it has an event, so has the slow one.
    const reader = wsClientWith(router.url, {}, { authorization: `Bearer ${user.token}` });
    const readerUpdates = subscribe<{ orderUpdated: { id: string } }>(reader, ORDER_UPDATES);
    const slow = await rawSocket(router.url, { token: user.token });
    slow.send({ id: 'orders', type: 'subscribe', payload: { query: ORDER_UPDATES } });
    slow.send({ id: 'ticks', type: 'subscribe', payload: { query: 'subscription { marketTicks { at ticks { symbol price } } }' } });
    // Prime both paths: orders until both sockets get one, and a tick.
    const readerSeen: string[] = [];
    await until(
      async () => {
        await placeLimit();
        while (readerUpdates.pending()) readerSeen.push((await readerUpdates.next()).data!.orderUpdated.id);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return slow.of('orders').length > 0 && readerSeen.length > 0;
      },
      'order events on both sockets',
      15_000,
    );
    await until(() => slow.of('ticks').length > 0, 'a tick on the slow socket');
    const dropped = async () => (await readMetrics(at(router.url, '/metrics')))['router_subscription_events_dropped_total'] ?? 0;
    expect(await dropped()).toBe(0);

    // It stops reading; large answers fill what the kernel holds, then ticks are held (3) and dropped.
    slow.ws.pause();
    const fill = '{ asset(symbol: "BTC") { candles(interval: ONE_MINUTE, last: 1000) { start open high low close } } }';
    for (let i = 0; i < 80; i += 1) slow.send({ id: `fill${i}`, type: 'subscribe', payload: { query: fill } });
    await until(async () => (await dropped()) > 0, 'a dropped tick for the slow client', 20_000);
    const before = slow.of('orders').length;
    const placed: string[] = [];
    for (let i = 0; i < 4; i += 1) placed.push(await placeLimit());
    // The reader got all four, so the slow subscription was handed them too.
    await until(async () => {
      while (readerUpdates.pending()) readerSeen.push((await readerUpdates.next()).data!.orderUpdated.id);
      return placed.every((id) => readerSeen.includes(id));
    }, 'the four order events at the reader');
    slow.ws.resume();
    await until(() => slow.of('orders').some((message) => message.type === 'complete'), 'the end of the slow order stream', 20_000);
    const after = slow.of('orders').slice(before);
    expect(after.map((message) => message.type)).toEqual(['next', 'complete']);
    expect(after[0]!.payload?.errors?.map((error) => error.extensions?.code)).toEqual(['SUBSCRIPTION_OVERFLOW']);
    slow.ws.close();
    readerUpdates.dispose();
  }, 60_000);

  test('PRICE_FEED=off: the inventory run alone never moved a price', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soloPriceReadAt + 3000 - Date.now())));
    const now = await soloQuery<{ asset: { price: string } }>(inventory.url, '{ asset(symbol: "BTC") { price } }', INTERNAL_SECRET);
    expect(now.data!.asset.price).toBe(soloPriceAtStart);
    // Stack A's BTC (a leader of its feed) moved meanwhile.
    const a = await post<{ asset: { price: string } }>(stackA.url, '{ asset(symbol: "BTC") { price } }');
    expect(a.data!.asset.price).not.toBe(soloPriceAtStart);
  });
});
