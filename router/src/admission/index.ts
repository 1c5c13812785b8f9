import type { ApolloServer, ApolloServerOptions, ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { type ApiKeyVerifier, type AuditLog, type Coordination, ErrorCode, type JwtSettings, type RevokedSessions } from '@trading/platform';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { AuthorizationDecisions, Filtered } from '../authorization';
import type { AdmittedSubscription, RouterContext } from '../context';
import { CallerAdmission } from './caller';
import { costPlugin } from './cost';
import { operationLimitRules, type OperationLimits } from './limits';
import { knownRootTypeRule, operationChecksPlugin } from './operation-checks';
import { persistedQueryCache, safelistPlugin } from './persisted-queries';
import { RequestRateLimiter, type RequestRateLimits } from './rate-limit';
import { subscriptionAdmissionPlugin } from './subscriptions';

export { DEFAULT_OPERATION_LIMITS, withLimitCode, type OperationLimits } from './limits';
export { DEFAULT_REQUEST_RATE_LIMITS, quotaHeaders, rateLimitedAs429, type Quota, type RequestRateLimits } from './rate-limit';
export { readSafelist } from './persisted-queries';

export interface AdmissionOptions {
  limits: OperationLimits;
  jwt: JwtSettings;
  /** Ended sessions: their tokens are refused. */
  revoked: RevokedSessions;
  /** Resolves API keys (`Authorization: ApiKey <secret>`); without it API keys are refused. */
  apiKeys?: ApiKeyVerifier;
  /** Rate limits, persisted queries (Redis when configured). */
  coordination: Coordination;
  rateLimits: RequestRateLimits;
  /** Safelist mode: the SHA-256 ids and bodies of the only operations that may run. */
  safelist: Map<string, string> | null;
  decisions: AuthorizationDecisions;
  /** Told of every operation with denied fields (e.g. to audit FORBIDDEN ones). */
  onDenied?: (context: RouterContext, errors: Filtered['errors']) => void;
  audit?: AuditLog;
}

/** What admission made of one operation sent over a transport other than plain HTTP. */
export type Admitted =
  /** Refused before execution (parse, validation, limits, variables, safelist, cost): the errors, formatted. */
  | { kind: 'refused'; errors: readonly GraphQLFormattedError[] }
  /** A query or mutation, executed: its result, formatted (it may hold errors too). */
  | { kind: 'result'; result: FormattedExecutionResult }
  /** A subscription, admitted: the transport starts it. */
  | { kind: 'subscription'; subscription: AdmittedSubscription };

/**
 * The one admission path of the router: the ordered steps every operation passes, whatever carries it (HTTP,
 * graphql-ws, SSE, multipart). The caller steps (credentials, revocation, rate limit: `callers`) run first, then
 * Apollo Server's request pipeline configured with the operation steps (`apolloOptions`): parse with the token
 * limit, validation with the operation limits, automatic persisted queries and the safelist, the operation checks
 * (operation name, variables), cost, and for subscriptions authorization and the hand-over to the transport (queries
 * and mutations are authorized by AuthorizingGateway, as the gateway executes them). Plain HTTP runs the pipeline
 * through Apollo Server's HTTP handler; every other transport through `run`. Transports differ only in how they
 * write a refusal.
 */
export class Admission {
  readonly callers: CallerAdmission;
  private readonly options: AdmissionOptions;
  private readonly apqCache: KeyValueCache<string>;

  constructor(options: AdmissionOptions) {
    this.options = options;
    this.apqCache = persistedQueryCache(options.coordination.store);
    this.callers = new CallerAdmission({
      jwt: options.jwt,
      revoked: options.revoked,
      rateLimiter: new RequestRateLimiter(options.coordination, options.rateLimits, options.audit),
      ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
    });
  }

  /** The operation steps as Apollo Server options (its plugins in the order they run). */
  apolloOptions(): Pick<ApolloServerOptions<RouterContext>, 'validationRules' | 'parseOptions' | 'persistedQueries'> & {
    plugins: ApolloServerPlugin<RouterContext>[];
  } {
    const { limits, safelist } = this.options;
    return {
      parseOptions: { maxTokens: limits.maxTokens },
      validationRules: [knownRootTypeRule, ...operationLimitRules(limits)],
      // Automatic persisted queries, shared by every router instance through the coordination store.
      persistedQueries: { cache: this.apqCache, ttl: 24 * 3600 },
      plugins: [
        ...(safelist ? [safelistPlugin(safelist, this.apqCache)] : []),
        operationChecksPlugin(limits.maxVariableDepth),
        costPlugin(limits.maxCost),
        subscriptionAdmissionPlugin(this.options.decisions, this.options.onDenied),
      ],
    };
  }

  /**
   * Runs one operation through the operation steps for a transport other than plain HTTP, in a context the caller
   * steps made. A context with `stream` admits subscriptions (the transport starts them); without it they are refused.
   */
  async run(apollo: ApolloServer<RouterContext>, request: GraphQLRequest, context: RouterContext): Promise<Admitted> {
    const response = await apollo.executeOperation(request, { contextValue: context });
    if (context.stream?.admitted) return { kind: 'subscription', subscription: context.stream.admitted };
    if (response.body.kind !== 'single') {
      return {
        kind: 'refused',
        errors: [{ message: 'Incremental delivery is not supported on this transport', extensions: { code: ErrorCode.BAD_REQUEST } }],
      };
    }
    const result = response.body.singleResult;
    // Apollo Server leaves `data` out exactly when the request was refused before execution.
    if (!('data' in result)) return { kind: 'refused', errors: result.errors ?? [] };
    return { kind: 'result', result };
  }
}
