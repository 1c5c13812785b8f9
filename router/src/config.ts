import path from 'node:path';
import type { RouterOptions } from './server';
import { booleanSetting, commonConfigShape, ConfigError, DEFAULT_MAX_BODY_BYTES, loadConfig, portSetting, z } from '@trading/platform';
import { DEFAULT_OPERATION_LIMITS, DEFAULT_REQUEST_RATE_LIMITS, type OperationLimits } from './admission';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from './subscriptions/socket-server';

/** The router's settings (environment variables), validated at start. */
export const routerConfigShape = {
  ...commonConfigShape,
  /** HTTP port; default 4000. */
  PORT: portSetting(4000),
  /** Interface to bind; default every interface (0.0.0.0). */
  HOST: z.string().default('0.0.0.0'),
  /** Proxies in front of the router whose X-Forwarded-For to trust for the client's address; default 0. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Operation limits (see router/README.md); each refusal's code names its limit. */
  MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(DEFAULT_OPERATION_LIMITS.maxDepth),
  MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_OPERATION_LIMITS.maxAliases),
  MAX_ROOT_FIELDS: z.coerce.number().int().min(1).max(1000).default(DEFAULT_OPERATION_LIMITS.maxRootFields),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_OPERATION_LIMITS.maxDirectives),
  MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_OPERATION_LIMITS.maxTokens),
  MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_OPERATION_LIMITS.maxCost),
  MAX_VARIABLE_DEPTH: z.coerce.number().int().min(1).max(100).default(DEFAULT_OPERATION_LIMITS.maxVariableDepth),
  /** Requests per minute per signed-in user, and per client address for anonymous callers. */
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_REQUEST_RATE_LIMITS.perUserPerMinute),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_REQUEST_RATE_LIMITS.perAddressPerMinute),
  /** Requests per minute per API key (each key its own budget, apart from its user's sessions). */
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_REQUEST_RATE_LIMITS.perKeyPerMinute),
  /** An Apollo persisted query manifest: when set, only its operations run (safelist mode). */
  SAFELIST_FILE: z.string().optional(),
  /** Largest request body in bytes; default 1 MiB. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(DEFAULT_MAX_BODY_BYTES),
  /** Schema introspection and Apollo Sandbox: default on, except with NODE_ENV=production. */
  INTROSPECTION: booleanSetting.optional(),
  SANDBOX: booleanSetting.optional(),
  /** Comma-separated browser origins allowed to call the API (CORS); default the local web app in development. */
  CORS_ORIGINS: z.string().optional(),
  /** Socket limits (see router/README.md, "Limits"). */
  MAX_SOCKETS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_SOCKET_LIMITS.maxConnections),
  MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SOCKET_LIMITS.maxSubscriptionsPerConnection),
  SOCKET_QUEUED_EVENTS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SOCKET_LIMITS.maxQueuedEvents),
  SOCKET_KEEPALIVE_MS: z.coerce.number().int().min(1000).max(600_000).default(DEFAULT_SOCKET_LIMITS.keepAliveMs),
  /** Identical subgraph queries in flight sent once (see router/README.md); default on. */
  SUBGRAPH_SHARE_IN_FLIGHT: booleanSetting.default(true),
  /** Identical queries of one caller (or of anonymous callers) in flight at once executed once (router/README.md); default on. */
  DEDUPLICATE_IN_FLIGHT: booleanSetting.default(true),
  /** A built web app to serve on every other path (e.g. web/dist); default none. */
  WEB_APP_DIR: z.string().optional(),
  /** The composed supergraph to serve; default the committed schema/supergraph.graphql. */
  SUPERGRAPH_FILE: z.string().default(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
};

export type RouterConfig = ReturnType<typeof loadRouterConfig> & {
  /** Subgraph URLs by subgraph name, overriding those in the supergraph (`SUBGRAPH_URL_<NAME>`). */
  subgraphUrls: Record<string, string>;
};

/**
 * Reads and validates the router's configuration. `SUBGRAPH_URL_USERS=http://...` (any subgraph name, upper case)
 * overrides that subgraph's URL from the supergraph, so one supergraph file serves every environment.
 */
export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(routerConfigShape, env);
  const subgraphUrls: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (!match?.[1] || !value) continue;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
      problems.push(`${key}: must be an http(s) URL (got ${JSON.stringify(value)})`);
    else subgraphUrls[match[1].toLowerCase()] = value;
  }
  if (problems.length) throw new ConfigError(problems);
  const production = config.NODE_ENV === 'production';
  const limits: OperationLimits = {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    maxVariableDepth: config.MAX_VARIABLE_DEPTH,
  };
  const corsOrigins = (config.CORS_ORIGINS ?? (production ? '' : DEVELOPMENT_ORIGINS))
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const rateLimits = {
    perUserPerMinute: config.RATE_LIMIT_PER_USER,
    perKeyPerMinute: config.RATE_LIMIT_PER_KEY,
    perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS,
  };
  const socketLimits: SocketLimits = {
    ...DEFAULT_SOCKET_LIMITS,
    maxConnections: config.MAX_SOCKETS,
    maxSubscriptionsPerConnection: config.MAX_SUBSCRIPTIONS_PER_SOCKET,
    maxQueuedEvents: config.SOCKET_QUEUED_EVENTS,
    keepAliveMs: config.SOCKET_KEEPALIVE_MS,
  };
  return {
    ...config,
    subgraphUrls,
    limits,
    socketLimits,
    rateLimits,
    corsOrigins,
    introspection: config.INTROSPECTION ?? !production,
    sandbox: config.SANDBOX ?? !production,
  };
}

/** The web app's Vite dev server and preview, on this machine. */
const DEVELOPMENT_ORIGINS = 'http://localhost:5173,http://127.0.0.1:5173,http://localhost:4173,http://127.0.0.1:4173';

/** The router's options that come from its settings (not its dependencies, port or host). */
export type RouterSettings = Pick<
  RouterOptions,
  | 'subgraphUrls'
  | 'trustProxy'
  | 'limits'
  | 'introspection'
  | 'sandbox'
  | 'corsOrigins'
  | 'maxBodyBytes'
  | 'rateLimits'
  | 'socketLimits'
  | 'shareInFlight'
  | 'deduplicateInFlight'
  | 'safelistFile'
  | 'webAppDir'
>;

/**
 * The router's options from its validated settings: the one mapping, used by its `main.ts` and by `npm start`
 * (stack) alike, so that a setting cannot work in one and be ignored by the other.
 */
export function routerSettings(config: RouterConfig): RouterSettings {
  return {
    subgraphUrls: config.subgraphUrls,
    trustProxy: config.TRUST_PROXY,
    limits: config.limits,
    introspection: config.introspection,
    sandbox: config.sandbox,
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.MAX_BODY_BYTES,
    rateLimits: config.rateLimits,
    socketLimits: config.socketLimits,
    shareInFlight: config.SUBGRAPH_SHARE_IN_FLIGHT,
    deduplicateInFlight: config.DEDUPLICATE_IN_FLIGHT,
    ...(config.SAFELIST_FILE ? { safelistFile: config.SAFELIST_FILE } : {}),
    ...(config.WEB_APP_DIR ? { webAppDir: config.WEB_APP_DIR } : {}),
  };
}
