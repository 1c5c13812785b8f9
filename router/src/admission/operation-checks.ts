import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@trading/platform';
import { GraphQLError, type ValidationRule } from 'graphql';
import { variablesRefusal } from './variables';

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
 * Checks every operation Apollo Server resolved before the gateway sees it, each refusal with its own code and
 * HTTP 400 (with a gateway Apollo Server would pass these on, and the gateway fail with an internal error):
 * - an operationName that matches no operation of the document: OPERATION_RESOLUTION_FAILURE, Apollo's own code;
 * - variables whose shape cannot fit their types, or nested deeper than `maxVariableDepth` (see variables.ts).
 */
export function operationChecksPlugin(maxVariableDepth: number): ApolloServerPlugin {
  const http = { status: 400 };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) {
            const name = request.operationName;
            throw new GraphQLError(
              name ? `Unknown operation named "${name}"` : 'Must provide an operation name when the document has several operations',
              { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http } },
            );
          }
          const refusal = variablesRefusal(schema, operation, request.variables, maxVariableDepth);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
