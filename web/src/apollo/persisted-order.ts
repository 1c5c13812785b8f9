import type { DocumentNode } from 'graphql';

/**
 * The order in which Apollo's persisted query manifest prints an operation's definitions: operations before
 * fragments, each kind by name. `@apollo/persisted-query-lists` has the same function, but importing it would bring
 * its CommonJS build and `@apollo/client/core` into the bundle; persisted-order.test.ts checks the two agree.
 */
export function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const nameOf = (definition: DocumentNode['definitions'][number]) =>
    definition.kind === 'OperationDefinition' || definition.kind === 'FragmentDefinition' ? (definition.name?.value ?? '') : '';
  const definitions = [...document.definitions].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind > b.kind ? -1 : 1;
    const [x, y] = [nameOf(a), nameOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { ...document, definitions };
}
