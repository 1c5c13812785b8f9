import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema has no root for (e.g. a subscription before the API has any): graphql-js
 * only notices at execution, and the gateway then fails with an internal error instead of a validation error.
 */
export const knownRootTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node] }));
    }
  },
});

/**
 * Refuses a request whose operationName matches no operation of its document, with Apollo's own code; with a gateway
 * Apollo Server would pass it on, and the gateway fail with an internal error.
 */
export const operationResolvedPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (!operation) {
          const name = request.operationName;
          throw new GraphQLError(
            name ? `Unknown operation named "${name}"` : 'Must provide an operation name when the document has several operations',
            {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
            },
          );
        }
      },
    };
  },
};
