import { getNamedType, isCompositeType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { AuthorizationPolicy } from '../authorization';

/**
 * True when any field of the operation carries an authorization requirement. Operations that need none return the
 * same data to everyone, so their upstream subscription can be shared across users (one stream for every client
 * watching prices); the others are scoped to the user.
 */
export function needsIdentity(schema: GraphQLSchema, policy: AuthorizationPolicy, document: DocumentNode): boolean {
  if (policy.isEmpty) return false;
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && isCompositeType(getNamedType(parent)) && policy.requirementFor(parent.name, node.name.value)) found = true;
      },
    }),
  );
  return found;
}
