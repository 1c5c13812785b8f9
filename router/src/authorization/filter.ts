import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AuthorizationPolicy } from './policy';
import { isSatisfied, type Caller } from './requirement';
import { rewriteSelectionSet, type RewriteContext } from './rewrite';
import { shapeResponse, type ResponseData, type ShapeNode } from './shape';

export interface AuthorizeOperationInput {
  /** The API schema the router validates operations against. */
  schema: GraphQLSchema;
  policy: AuthorizationPolicy;
  /** A parsed (and validated) request document. */
  document: DocumentNode;
  /** Which operation of the document runs; may be omitted when it has one. */
  operationName?: string | null;
  caller: Caller;
}

/** Nothing is denied: run the document as it is. */
export interface Unchanged {
  changed: false;
}

/** Some fields are denied: run `document` instead (or nothing when it is null), then `shape` its data. */
export interface Filtered {
  changed: true;
  /**
   * The selected operation alone, without the denied fields, fragments or unused variables; null when data must be
   * null. Hand it to the gateway with a query hash of its own (of its printed form): @apollo/gateway caches plans by
   * `queryHash`, and the original's would let one caller's plan serve another with different rights.
   */
  document: DocumentNode | null;
  /** One error per denied position, in document order, to add to the response. */
  errors: GraphQLError[];
  /** Turns the data of `document` into what the original operation returns, with nulls where fields were denied. */
  shape: (data: ResponseData | null | undefined) => ResponseData | null;
}

export type AuthorizationResult = Unchanged | Filtered;

const UNCHANGED: Unchanged = Object.freeze({ changed: false });

// The marker aliases start with this; a document that uses it in an alias gets a longer prefix.
const MARKER_PREFIX = '__authz';

/**
 * Enforces `@authenticated` and `@requiresScopes` on one operation before it is planned, the way Apollo Router does:
 * denied fields are removed and answered with null and an UNAUTHENTICATED or FORBIDDEN error, the rest runs. Errors
 * carry the response-key path to the denied field; list indexes are not known before execution, so paths through
 * lists name the list field only. Errors are reported for every denied position, even one that @skip or @include
 * would leave out at run time. A non-null denied field nulls its nearest nullable ancestor, as GraphQL would. A
 * mutation root field that might be nulled that way is not run at all, and a denied subscription is not started.
 * Nothing denied (the common case) costs one walk of the operation and no new document. The result depends only on
 * the document, the operation name and the caller's authentication and scopes, and `shape` is pure, so results can
 * be cached by those.
 */
export function authorizeOperation(input: AuthorizeOperationInput): AuthorizationResult {
  const { schema, policy, document, caller } = input;
  if (policy.isEmpty) return UNCHANGED;
  // A missing or ambiguous operation is left for execution to report.
  const operation = selectOperation(document, input.operationName);
  const rootType = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType) return UNCHANGED;
  const check: DenialCheck = { schema, policy, caller, document, fragments: undefined };
  if (!deniesAny(check, operation.selectionSet, rootType)) return UNCHANGED;
  return filterOperation(input, operation, rootType);
}

function filterOperation(input: AuthorizeOperationInput, operation: OperationDefinitionNode, rootType: GraphQLCompositeType): Filtered {
  const context: RewriteContext = {
    schema: input.schema,
    policy: input.policy,
    caller: input.caller,
    fragments: fragmentsOf(input.document),
    markerPrefix: markerPrefixFor(input.document),
    markers: new Map(),
    errors: [],
    rootMarkers: 0,
  };
  const root: ShapeNode = { fields: new Map() };
  const rewritten = rewriteSelectionSet(context, operation.selectionSet, rootType, root, [], operation.operation);
  const errors = withoutRepeats(context.errors);
  const refused = rewritten.mustNull || (operation.operation === OperationTypeNode.SUBSCRIPTION && context.rootMarkers > 0);
  if (refused) return { changed: true, document: null, errors, shape: () => null };

  const filtered: OperationDefinitionNode = {
    ...operation,
    selectionSet: { kind: Kind.SELECTION_SET, selections: rewritten.selections },
  };
  const used = variablesUsed(filtered);
  const variableDefinitions = operation.variableDefinitions?.filter((definition) => used.has(definition.variable.name.value));
  const { markers } = context;
  return {
    changed: true,
    document: { kind: Kind.DOCUMENT, definitions: [{ ...filtered, variableDefinitions }] },
    errors,
    shape: (data) => shapeResponse(data, markers, root),
  };
}

/** The operation that runs: the named one, or the only one; null when there is no such single operation. */
export function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | null {
  let selected: OperationDefinitionNode | null = null;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName === undefined || operationName === null) {
      if (selected) return null;
      selected = definition;
    } else if (definition.name?.value === operationName) {
      return definition;
    }
  }
  return selected;
}

interface DenialCheck {
  schema: GraphQLSchema;
  policy: AuthorizationPolicy;
  caller: Caller;
  document: DocumentNode;
  /** Per fragment name, whether it denies anything: a fragment is judged by its own type condition wherever it is spread. */
  fragments: Map<string, boolean> | undefined;
}

// The hot path: one walk, no allocation except a memo once a fragment is spread.
function deniesAny(check: DenialCheck, selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): boolean {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const fieldName = selection.name.value;
        if (fieldName.startsWith('__') || !(isObjectType(parentType) || isInterfaceType(parentType))) break;
        const field = parentType.getFields()[fieldName];
        if (!field) break;
        const requirement = check.policy.requirementFor(parentType.name, fieldName);
        if (requirement && !isSatisfied(requirement, check.caller)) return true;
        if (!selection.selectionSet) break;
        const namedType = getNamedType(field.type);
        if (isCompositeType(namedType) && deniesAny(check, selection.selectionSet, namedType)) return true;
        break;
      }
      case Kind.INLINE_FRAGMENT: {
        const type = selection.typeCondition ? check.schema.getType(selection.typeCondition.name.value) : parentType;
        if (isCompositeType(type) && deniesAny(check, selection.selectionSet, type)) return true;
        break;
      }
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        check.fragments ??= new Map();
        let denies = check.fragments.get(name);
        if (denies === undefined) {
          // Marked first so that a cyclic spread (invalid anyway) cannot loop.
          check.fragments.set(name, false);
          const fragment = findFragment(check.document, name);
          const type = fragment ? check.schema.getType(fragment.typeCondition.name.value) : undefined;
          denies = fragment !== undefined && isCompositeType(type) && deniesAny(check, fragment.selectionSet, type);
          check.fragments.set(name, denies);
        }
        if (denies) return true;
        break;
      }
    }
  }
  return false;
}

function findFragment(document: DocumentNode, name: string): FragmentDefinitionNode | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name) return definition;
  }
  return undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function markerPrefixFor(document: DocumentNode): string {
  const aliases: string[] = [];
  visit(document, {
    Field(field) {
      if (field.alias?.value.startsWith(MARKER_PREFIX)) aliases.push(field.alias.value);
    },
  });
  let prefix = MARKER_PREFIX;
  while (aliases.some((alias) => alias.startsWith(prefix))) prefix += '_';
  return prefix;
}

function variablesUsed(operation: OperationDefinitionNode): Set<string> {
  const used = new Set<string>();
  visit(operation, {
    VariableDefinition: () => false,
    Variable(variable) {
      used.add(variable.name.value);
    },
  });
  return used;
}

// The same denied field reached twice at one response path (say directly and through a fragment) is one error.
function withoutRepeats(errors: GraphQLError[]): GraphQLError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${JSON.stringify(error.path)}${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
