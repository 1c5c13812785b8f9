import { isListType, isNonNullType, type GraphQLOutputType } from 'graphql';

/** A response object as execution returns it. */
export type ResponseData = Record<string, unknown>;

/**
 * Stands where a denied field was: an aliased `__typename` with the denied field's directives, so it appears in
 * exactly the objects, and at exactly the place in key order, where the field itself would have.
 */
export interface Marker {
  /** The response key the denied field had. */
  responseKey: string;
  /** A non-null field cannot be null: the object holding it becomes null instead (GraphQL's null propagation). */
  nonNull: boolean;
}

/** The kept fields of one selection set (merged over its fragments) under which markers can appear. */
export interface ShapeNode {
  fields: Map<string, { type: GraphQLOutputType; node: ShapeNode }>;
}

// Returned by an object that must become null, to be stopped by the nearest nullable position above it.
const PROPAGATE_NULL = Symbol('propagate null');

/**
 * Turns the data of the filtered document into what executing the original would return: each marker becomes its
 * field's key with null (in the marker's place, so key order is the original's), or nulls its object and, through
 * non-null positions, the nearest nullable ancestor; null data stays null.
 */
export function shapeResponse(data: ResponseData | null | undefined, markers: ReadonlyMap<string, Marker>, root: ShapeNode): ResponseData | null {
  if (data === null || data === undefined) return null;
  const shaped = shapeObject(data, markers, root);
  return shaped === PROPAGATE_NULL ? null : shaped;
}

function shapeObject(object: ResponseData, markers: ReadonlyMap<string, Marker>, node: ShapeNode): ResponseData | typeof PROPAGATE_NULL {
  let nulled: Set<string> | undefined;
  for (const key of Object.keys(object)) {
    const marker = markers.get(key);
    if (!marker) continue;
    if (marker.nonNull) return PROPAGATE_NULL;
    (nulled ??= new Set()).add(marker.responseKey);
  }
  // A null-prototype object, like graphql-js's own results, so a field aliased `__proto__` stays an ordinary key.
  const shaped: ResponseData = Object.create(null);
  for (const [key, value] of Object.entries(object)) {
    const marker = markers.get(key);
    const responseKey = marker ? marker.responseKey : key;
    if (Object.hasOwn(shaped, responseKey)) continue;
    // Where the same key was also selected by an allowed field, the denial still wins, as a resolver error would.
    if (marker || nulled?.has(key)) {
      shaped[responseKey] = null;
      continue;
    }
    const child = node.fields.get(key);
    if (!child || value === null) {
      shaped[key] = value;
      continue;
    }
    const result = shapeValue(value, child.type, markers, child.node);
    if (result === PROPAGATE_NULL && isNonNullType(child.type)) return PROPAGATE_NULL;
    shaped[key] = result === PROPAGATE_NULL ? null : result;
  }
  return shaped;
}

function shapeValue(value: unknown, type: GraphQLOutputType, markers: ReadonlyMap<string, Marker>, node: ShapeNode): unknown {
  if (value === null || value === undefined) return value;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (!isListType(nullable)) return shapeObject(value as ResponseData, markers, node);
  const itemType = nullable.ofType;
  const items = value as unknown[];
  const shaped = new Array<unknown>(items.length);
  for (let index = 0; index < items.length; index++) {
    const item = shapeValue(items[index], itemType, markers, node);
    if (item === PROPAGATE_NULL && isNonNullType(itemType)) return PROPAGATE_NULL;
    shaped[index] = item === PROPAGATE_NULL ? null : item;
  }
  return shaped;
}
