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
  'QUERY_NOT_IN_SAFELIST',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
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

/**
 * Apollo Server `formatError`: passes refusals through and replaces unexpected errors with a generic one,
 * so no stack, table name or driver message reaches a client. The original is handed to `log`, unless the request's
 * own logger logged it already (errors outside a request, such as a failing context, are only seen here).
 */
export function createErrorFormatter(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (!(typeof error === 'object' && error !== null && loggedWithRequest.has(error))) log(error);
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
