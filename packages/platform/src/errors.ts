import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Every refusal the API makes carries one of these codes in `extensions.code`.
 * They are part of the public contract: clients branch on them, so they never change meaning.
 */
export const ErrorCode = {
  /** No identity, or a token that is invalid, expired or revoked. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** An identity that may not do or see this. */
  FORBIDDEN: 'FORBIDDEN',
  /** An argument that is malformed or out of range. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** Not enough cash for a withdrawal or a buy. */
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  /** Not enough of an asset for a sell. */
  INSUFFICIENT_HOLDINGS: 'INSUFFICIENT_HOLDINGS',
  /** The thing asked for does not exist (or is not visible to the caller). */
  NOT_FOUND: 'NOT_FOUND',
  /** A uniqueness rule or a concurrent change refused the request; retrying may succeed. */
  CONFLICT: 'CONFLICT',
  /** The caller sent too many requests. */
  RATE_LIMITED: 'RATE_LIMITED',
  /**
   * Something the platform needs for every request (Redis: locks, rate limits, ended sessions) is unreachable, so
   * the request was not carried out; retrying later may succeed.
   */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /**
   * The request itself is malformed (not an operation: a body that is not JSON, no query, an unsupported persisted
   * query version); HTTP 400.
   */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A request body larger than the service accepts (MAX_BODY_BYTES); HTTP 413. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An automatic persisted query whose `sha256Hash` is not the SHA-256 of its `query`; HTTP 400. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /**
   * A subscription sent where it cannot be streamed (a plain HTTP request); the message names the transports that
   * serve subscriptions. HTTP 400.
   */
  SUBSCRIPTION_TRANSPORT_REQUIRED: 'SUBSCRIPTION_TRANSPORT_REQUIRED',
  /** `operationName` names no operation of the document (Apollo's own code); HTTP 400. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** The router runs listed operations only (safelist mode), and this one is not on the list; HTTP 403. */
  QUERY_NOT_IN_SAFELIST: 'QUERY_NOT_IN_SAFELIST',
  /** More subscriptions on one graphql-ws socket than the router allows (MAX_SUBSCRIPTIONS_PER_SOCKET). */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** A subscriber fell too far behind a stream that cannot skip events: its subscription ended; subscribe again. */
  SUBSCRIPTION_OVERFLOW: 'SUBSCRIPTION_OVERFLOW',
  /** The service behind a subscription went away: the subscription ended; subscribe again. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** Something failed on our side; the message says nothing internal. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes of operations refused by the router's limits before any subgraph is called; each names its limit. */
export const OperationLimitCode = {
  MAX_DEPTH_EXCEEDED: 'MAX_DEPTH_EXCEEDED',
  MAX_ALIASES_EXCEEDED: 'MAX_ALIASES_EXCEEDED',
  MAX_ROOT_FIELDS_EXCEEDED: 'MAX_ROOT_FIELDS_EXCEEDED',
  MAX_DIRECTIVES_EXCEEDED: 'MAX_DIRECTIVES_EXCEEDED',
  MAX_TOKENS_EXCEEDED: 'MAX_TOKENS_EXCEEDED',
  MAX_COST_EXCEEDED: 'MAX_COST_EXCEEDED',
} as const;

export type OperationLimitCode = (typeof OperationLimitCode)[keyof typeof OperationLimitCode];

/**
 * A refusal a client can act on: a GraphQL error with a stable code and optional details (e.g. `field`). `cause`,
 * when given, is kept for the logs (never shown to the client).
 */
export function userError(code: ErrorCode, message: string, details: Record<string, unknown> = {}, cause?: unknown): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code }, ...(cause instanceof Error ? { originalError: cause } : {}) });
}

/**
 * Codes that a server may show to clients as they are; anything else is masked. INTERNAL_SERVER_ERROR is not among
 * them: Apollo Server gives that code to every unexpected error, whose message may name hosts or tables.
 */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...Object.values(OperationLimitCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** True for a code clients may see as it is (a refusal they can act on), false for unexpected errors. */
export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/** Errors already logged with their request's id (by observabilityPlugin): the formatter does not log them again. */
const loggedWithRequest = new WeakSet<object>();

/** Marks an error as logged, with its request id, by the request's own logger. */
export function noteLogged(error: object): void {
  loggedWithRequest.add(error);
}

/** Apollo Server's wording when an automatic persisted query's hash is not its query's (it gives the error no code). */
const HASH_MISMATCH = 'provided sha does not match query';

/**
 * The code of one of Apollo Server's own refusals of a malformed request that it made without a code (a persisted
 * query hash that does not match, an unsupported persisted query version): it marks them with an HTTP 4xx status
 * and has no cause behind them. Undefined for anything else.
 */
function requestRefusalCode(error: unknown): ErrorCode | undefined {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code !== undefined) return undefined;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return error.message === HASH_MISMATCH ? ErrorCode.PERSISTED_QUERY_HASH_MISMATCH : ErrorCode.BAD_REQUEST;
}

export interface ErrorFormatterOptions {
  /** Logs an unexpected error (once: not if the request's own logger did already). */
  log: (error: unknown) => void;
  /** Called for every unexpected error a client gets masked, logged already or not (e.g. to count it). */
  onUnexpected?: (error: unknown) => void;
}

/**
 * Apollo Server `formatError`: passes refusals through and replaces unexpected errors with a generic one,
 * so no stack, table name or driver message reaches a client. The original is handed to `log`, unless the request's
 * own logger logged it already (errors outside a request, such as a failing context, are only seen here).
 */
export function createErrorFormatter({ log, onUnexpected }: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo has coded the request refusals it made without a code INTERNAL_SERVER_ERROR by now: the original tells.
    const code = requestRefusalCode(error) ?? formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    onUnexpected?.(error);
    if (!(typeof error === 'object' && error !== null && loggedWithRequest.has(error))) log(error);
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
