import { ErrorCode } from '@trading/platform';
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type NamedTypeNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AuthorizationPolicy } from './policy';
import { describeScopes, isSatisfied, type Caller, type Requirement } from './requirement';
import type { Marker, ShapeNode } from './shape';

/** What rewriting one operation needs, and what it collects on the way. */
export interface RewriteContext {
  schema: GraphQLSchema;
  policy: AuthorizationPolicy;
  caller: Caller;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Starts every marker alias; chosen so that no alias in the document starts with it. */
  markerPrefix: string;
  markers: Map<string, Marker>;
  errors: GraphQLError[];
  /** Markers placed among the root fields (a subscription cannot have those). */
  rootMarkers: number;
}

/** A selection set with its denied fields replaced by markers, and what that does to its object. */
export interface Rewritten {
  selections: SelectionNode[];
  /** A marker somewhere below can make this set's object null when the data comes back. */
  mayNull: boolean;
  /** This set's object is null whenever it would exist, whatever the data and variables. */
  mustNull: boolean;
  /** Some marker was placed here or below. */
  marked: boolean;
}

/**
 * Rewrites one selection set: named fragments become inline fragments (so each denial is judged per position), each
 * denied field becomes a marker with an error at its response path, and a kept field whose object must be null
 * (a non-null denial below it, with no list or condition in between) becomes a marker itself, so it is not fetched.
 * `root` is the operation type when rewriting the root fields: a mutation field that may end up null is not run at
 * all, because running it and hiding the result would change data behind a refusal. `objectType` is the type of the
 * field whose object this is; inside fragments it can be narrower than `parentType`.
 */
export function rewriteSelectionSet(
  context: RewriteContext,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  node: ShapeNode,
  path: string[],
  root: OperationTypeNode | null,
  objectType: GraphQLCompositeType = parentType,
): Rewritten {
  const strict = root === OperationTypeNode.MUTATION;
  const result: Rewritten = { selections: [], mayNull: false, mustNull: false, marked: false };
  const placeMarker = (responseKey: string, nonNull: boolean, directives: ReadonlyArray<DirectiveNode> | undefined) => {
    result.selections.push(marker(context, responseKey, nonNull, directives));
    result.marked = true;
    if (root) context.rootMarkers++;
    if (!nonNull) return;
    result.mayNull = true;
    if (strict || isUnconditional(directives)) result.mustNull = true;
  };

  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? context.fragments.get(selection.name.value) : selection;
      if (!fragment) {
        result.selections.push(selection);
        continue;
      }
      const conditionType = fragment.typeCondition ? context.schema.getType(fragment.typeCondition.name.value) : parentType;
      if (!isCompositeType(conditionType)) {
        result.selections.push(selection);
        continue;
      }
      const inner = rewriteSelectionSet(context, fragment.selectionSet, conditionType, node, path, root, objectType);
      result.marked ||= inner.marked;
      result.mayNull ||= inner.mayNull;
      const matches = alwaysMatches(context.schema, conditionType, parentType) || alwaysMatches(context.schema, conditionType, objectType);
      if (inner.mustNull && (strict || (isUnconditional(selection.directives) && matches))) result.mustNull = true;
      result.selections.push(inlineFragment(fragment.typeCondition, selection.directives, inner.selections));
      continue;
    }

    const fieldName = selection.name.value;
    const field = fieldName.startsWith('__') || !hasFields(parentType) ? undefined : parentType.getFields()[fieldName];
    // Introspection is never restricted; a field the schema lacks is left for validation to refuse.
    if (!field) {
      result.selections.push(selection);
      continue;
    }
    const responseKey = selection.alias?.value ?? fieldName;
    path.push(responseKey);
    try {
      const requirement = context.policy.requirementFor(parentType.name, fieldName);
      if (requirement && !isSatisfied(requirement, context.caller)) {
        context.errors.push(denial(context.caller, requirement, `${parentType.name}.${fieldName}`, path));
        placeMarker(responseKey, isNonNullType(field.type), selection.directives);
        continue;
      }
      const namedType = getNamedType(field.type);
      if (!selection.selectionSet || !isCompositeType(namedType)) {
        result.selections.push(selection);
        continue;
      }
      const existing = node.fields.get(responseKey);
      const child: ShapeNode = existing?.node ?? { fields: new Map() };
      const inner = rewriteSelectionSet(context, selection.selectionSet, namedType, child, path, null);
      if (inner.marked) {
        if (!existing) node.fields.set(responseKey, { type: field.type, node: child });
        result.marked = true;
      }
      const { hasList, nullableBelow } = wrappers(field.type);
      const mayReachField = inner.mayNull && !nullableBelow;
      if (strict ? mayReachField : inner.mustNull && !hasList) {
        placeMarker(responseKey, isNonNullType(field.type), selection.directives);
        continue;
      }
      if (mayReachField && isNonNullType(field.type)) result.mayNull = true;
      result.selections.push(withSelections(selection, inner.selections));
    } finally {
      path.pop();
    }
  }
  return result;
}

// An aliased `__typename` carrying the denied field's @skip/@include, registered so the response can be shaped.
function marker(context: RewriteContext, responseKey: string, nonNull: boolean, directives: ReadonlyArray<DirectiveNode> | undefined): FieldNode {
  const alias = `${context.markerPrefix}${context.markers.size}`;
  context.markers.set(alias, { responseKey, nonNull });
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: '__typename' },
    ...(directives?.length ? { directives } : {}),
  };
}

function denial(caller: Caller, requirement: Requirement, coordinate: string, path: readonly string[]): GraphQLError {
  const message = !caller.authenticated
    ? `Unauthorized field or type: sign in to read ${coordinate}`
    : `Forbidden field or type: ${coordinate} ${requirement.scopes ? describeScopes(requirement.scopes) : 'is not available to you'}`;
  const code = caller.authenticated ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED;
  return new GraphQLError(message, { path: [...path], extensions: { code } });
}

function hasFields(type: GraphQLCompositeType) {
  return isObjectType(type) || isInterfaceType(type);
}

// Whether a field's type has a list level, and whether some level inside it (list items) is nullable: a null from
// below stops at the first nullable level.
function wrappers(type: GraphQLOutputType): { hasList: boolean; nullableBelow: boolean } {
  let hasList = false;
  let nullableBelow = false;
  let current = isNonNullType(type) ? type.ofType : type;
  while (isListType(current)) {
    hasList = true;
    const item = current.ofType;
    if (!isNonNullType(item)) nullableBelow = true;
    current = isNonNullType(item) ? item.ofType : item;
  }
  return { hasList, nullableBelow };
}

// @skip and @include leave a selection in only when their condition is a literal that keeps it.
function isUnconditional(directives: ReadonlyArray<DirectiveNode> | undefined): boolean {
  if (!directives) return true;
  return directives.every((directive) => {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') return true;
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
    return condition?.kind === Kind.BOOLEAN && condition.value === (name === 'include');
  });
}

// A type condition every possible object of the parent type satisfies.
function alwaysMatches(schema: GraphQLSchema, condition: GraphQLCompositeType, parent: GraphQLCompositeType): boolean {
  if (condition === parent) return true;
  if (!isAbstractType(condition)) return false;
  const parents = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
  return parents.every((possible) => schema.isSubType(condition, possible));
}

function inlineFragment(
  typeCondition: NamedTypeNode | undefined,
  directives: ReadonlyArray<DirectiveNode> | undefined,
  selections: SelectionNode[],
): SelectionNode {
  return {
    kind: Kind.INLINE_FRAGMENT,
    ...(typeCondition ? { typeCondition } : {}),
    ...(directives?.length ? { directives } : {}),
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
}

function withSelections(field: FieldNode, selections: SelectionNode[]): FieldNode {
  return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections } };
}
