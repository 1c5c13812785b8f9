import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { ErrorCode, userError } from '@trading/platform';
import { print, type FormattedExecutionResult } from 'graphql';
import type { AuthorizationDecisions, Filtered } from '../authorization';
import type { RouterContext } from '../context';

/** Where subscriptions are served, for the refusal of one sent where it cannot be streamed. */
export const SUBSCRIPTION_TRANSPORTS =
  'graphql-ws (graphql-transport-ws) on a WebSocket to /graphql, or an HTTP POST to /graphql with `Accept: text/event-stream` (GraphQL over SSE) or `Accept: multipart/mixed;subscriptionSpec="1.0"`';

const single = (result: FormattedExecutionResult): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult: result },
});

/**
 * The last admission step of a subscription, after every check a query passes (parse, limits, variables, persisted
 * query and safelist, cost): authorization, then the hand-over to the transport. A subscription is never executed by
 * Apollo Server (the gateway cannot): its admitted form goes into the context's `stream` for the transport to start,
 * and Apollo Server's answer is an empty result the transport does not send. Over a transport that cannot stream
 * (plain HTTP) it is refused with SUBSCRIPTION_TRANSPORT_REQUIRED, naming those that can. A subscription whose root
 * field the caller may not read answers `data: null` with the authorization errors, like a query.
 */
export function subscriptionAdmissionPlugin(
  decisions: AuthorizationDecisions,
  onDenied?: (context: RouterContext, errors: Filtered['errors']) => void,
): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'subscription' && !contextValue.stream) {
            throw userError(
              ErrorCode.SUBSCRIPTION_TRANSPORT_REQUIRED,
              `Subscriptions are served over ${SUBSCRIPTION_TRANSPORTS}, not as a plain HTTP request`,
              {
                http: { status: 400 },
              },
            );
          }
        },
        async responseForOperation({ operation, document, request, queryHash, operationName, contextValue, schema }) {
          if (operation.operation !== 'subscription' || !contextValue.stream) return null;
          const hash = queryHash ?? createHash('sha256').update(print(document)).digest('hex');
          const decision = decisions.decide(schema, document, hash, operationName, contextValue.identity);
          if (decision.changed) onDenied?.(contextValue, decision.errors);
          if (decision.changed && !decision.document) return single({ data: null, errors: decision.errors.map((error) => error.toJSON()) });
          contextValue.stream.admitted = {
            document: decision.changed ? decision.document! : document,
            operationName,
            variables: request.variables ?? {},
            filtered: decision.changed ? decision : null,
          };
          return single({});
        },
      };
    },
  };
}
