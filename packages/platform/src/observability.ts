import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isPublicCode, noteLogged } from './errors';
import type { Logger } from './logger';
import { errorCodeLabel, type ServiceMetrics } from './metrics';

export interface ObservabilityOptions<TContext> {
  metrics: ServiceMetrics;
  log: Logger;
  /** The request's id in this service's context (set by the router, passed to the subgraphs). */
  requestId: (context: TContext) => string | undefined;
  /** Level of the one line logged per operation: `info` at the router (the access log), `debug` in subgraphs. */
  requestLogLevel: 'info' | 'debug';
}

/**
 * Every operation a service answers is timed and counted by name (ServiceMetrics), logged as one line with its
 * request id, duration and error codes, and every unexpected error is logged with the request id (clients get it
 * masked: see createErrorFormatter). Tokens, passwords and variables are never part of these lines.
 */
export function observabilityPlugin<TContext extends BaseContext>(options: ObservabilityOptions<TContext>): ApolloServerPlugin<TContext> {
  const { metrics, log } = options;
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const requestId = options.requestId(contextValue);
      // Made when a line is written, not per request: subgraphs log requests at debug, usually off.
      const requestLog = () => (requestId ? log.child({ requestId }) : log);
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isPublicCode(error.extensions?.code)) continue;
            requestLog().error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            noteLogged(error);
          }
        },
        async willSendResponse({ operationName, operation, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const type = operation?.operation ?? 'unknown';
          metrics.requestDuration.observe({ operation: metrics.operationLabel(operationName), type }, seconds);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => errorCodeLabel(error.extensions?.code));
          for (const code of codes) metrics.errors.inc({ code });
          if (!log.isLevelEnabled(options.requestLogLevel)) return;
          requestLog()[options.requestLogLevel](
            { operation: operationName ?? null, type, ms: Math.round(seconds * 10_000) / 10, ...(codes.length ? { errors: codes } : {}) },
            'graphql request',
          );
        },
      };
    },
  };
}
