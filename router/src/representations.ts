import type { GraphQLRequest } from '@apollo/server';

/** What a subgraph answered to an entity fetch: `_entities` in order, and errors with their paths. */
interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly { path?: readonly (string | number)[] }[];
}

/**
 * An entity fetch whose representations repeat (the deep query's orders all name one user): the request with each
 * representation once, and how to spread the subgraph's answer back over the original positions, errors included.
 * Null when nothing repeats, so the request goes out as it is. The gateway does not do this itself; the subgraph
 * would otherwise resolve the same entity once per mention.
 */
export function dedupeRepresentations<TRequest extends Pick<GraphQLRequest, 'variables'>>(
  request: TRequest,
): { request: TRequest; expand<T extends EntitiesResponse>(response: T): T } | null {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const uniqueIndexOf = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = uniqueIndexOf.get(key);
    if (index === undefined) {
      index = unique.push(representation) - 1;
      uniqueIndexOf.set(key, index);
    }
    return index;
  });
  if (unique.length === representations.length) return null;
  return {
    request: { ...request, variables: { ...request.variables, representations: unique } },
    expand: (response) => {
      const entities = response.data?._entities;
      const data = Array.isArray(entities) ? { ...response.data, _entities: positions.map((index) => entities[index] ?? null) } : response.data;
      const errors = response.errors?.flatMap((error) => {
        const [field, index, ...rest] = error.path ?? [];
        if (field !== '_entities' || typeof index !== 'number') return [error];
        // One error per original mention of the entity it is about.
        return positions.flatMap((at, original) => (at === index ? [{ ...error, path: ['_entities', original, ...rest] }] : []));
      });
      return { ...response, ...(data !== undefined ? { data } : {}), ...(errors ? { errors } : {}) };
    },
  };
}
