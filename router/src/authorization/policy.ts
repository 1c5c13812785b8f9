import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DefinitionNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { authorizationDirectiveNames, type AuthorizationDirectiveNames } from './links';
import { combineRequirements, type Requirement } from './requirement';

/** The authorization rules of a supergraph, looked up per field. */
export interface AuthorizationPolicy {
  /**
   * What reading `parentTypeName.fieldName` requires: the field's own directives AND those of its return type AND
   * those of its parent type; null when it is public.
   */
  requirementFor(parentTypeName: string, fieldName: string): Requirement | null;
  /** True when no field has a requirement, so every operation passes untouched. */
  readonly isEmpty: boolean;
}

interface CompositeType {
  fields: FieldDefinitionNode[];
  interfaces: string[];
  isInterface: boolean;
}

/**
 * Reads `@authenticated` and `@requiresScopes` (under the names the supergraph's `@link`s give them) from a
 * supergraph SDL, once, into a per-field lookup. Throws if the supergraph applies `@policy`: this router cannot
 * evaluate policies, and failing at startup beats serving those fields unprotected.
 */
export function readAuthorizationPolicy(supergraphSdl: string): AuthorizationPolicy {
  const document = parse(supergraphSdl, { noLocation: true });
  const names = authorizationDirectiveNames(document);
  const typeRequirements = new Map<string, Requirement>();
  const compositeTypes = new Map<string, CompositeType>();
  for (const definition of document.definitions) collectType(definition, names, typeRequirements, compositeTypes);

  // An object's type-level rule also guards the interfaces it implements, or `... on Node { id }` would read a
  // protected object. Composition (2.9.4 and later) writes this into the supergraph already; repeating it keeps
  // hand-written and older supergraphs safe.
  for (const [typeName, type] of compositeTypes) {
    if (type.isInterface) continue;
    for (const interfaceName of type.interfaces) {
      const merged = combineRequirements(typeRequirements.get(interfaceName) ?? null, typeRequirements.get(typeName) ?? null);
      if (merged) typeRequirements.set(interfaceName, merged);
    }
  }

  const byType = new Map<string, Map<string, Requirement>>();
  const fieldRequirement = (typeName: string, field: FieldDefinitionNode): Requirement | null => {
    const own = requirementOf(field.directives, names);
    const returned = typeRequirements.get(namedTypeName(field.type)) ?? null;
    return combineRequirements(combineRequirements(own, returned), typeRequirements.get(typeName) ?? null);
  };
  const add = (typeName: string, fieldName: string, requirement: Requirement | null) => {
    if (!requirement) return;
    let fields = byType.get(typeName);
    if (!fields) byType.set(typeName, (fields = new Map()));
    fields.set(fieldName, combineRequirements(fields.get(fieldName) ?? null, requirement) ?? requirement);
  };
  for (const [typeName, type] of compositeTypes) {
    for (const field of type.fields) {
      const requirement = fieldRequirement(typeName, field);
      add(typeName, field.name.value, requirement);
      // The same field read through an interface needs what every implementation needs.
      if (!type.isInterface) for (const interfaceName of type.interfaces) add(interfaceName, field.name.value, requirement);
    }
  }

  return {
    isEmpty: byType.size === 0,
    requirementFor: (parentTypeName, fieldName) => byType.get(parentTypeName)?.get(fieldName) ?? null,
  };
}

function collectType(
  definition: DefinitionNode,
  names: AuthorizationDirectiveNames,
  typeRequirements: Map<string, Requirement>,
  compositeTypes: Map<string, CompositeType>,
): void {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION: {
      const name = definition.name.value;
      let type = compositeTypes.get(name);
      if (!type) {
        const isInterface = definition.kind === Kind.INTERFACE_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_EXTENSION;
        compositeTypes.set(name, (type = { fields: [], interfaces: [], isInterface }));
      }
      for (const field of definition.fields ?? []) {
        refusePolicy(field.directives, names, `${name}.${field.name.value}`);
        type.fields.push(field);
      }
      type.interfaces.push(...(definition.interfaces ?? []).map((node) => node.name.value));
      break;
    }
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      break;
    default:
      return;
  }
  const name = definition.name.value;
  refusePolicy(definition.directives, names, name);
  const requirement = combineRequirements(typeRequirements.get(name) ?? null, requirementOf(definition.directives, names));
  if (requirement) typeRequirements.set(name, requirement);
}

// Repeated directives all apply: a caller must satisfy each one.
function requirementOf(directives: ReadonlyArray<ConstDirectiveNode> | undefined, names: AuthorizationDirectiveNames): Requirement | null {
  let requirement: Requirement | null = null;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name === names.authenticated) {
      requirement = combineRequirements(requirement, { authenticated: true, scopes: null });
    } else if (name === names.requiresScopes) {
      const argument = directive.arguments?.find((candidate) => candidate.name.value === 'scopes');
      if (!argument) throw new Error(`@${name} without its scopes argument`);
      requirement = combineRequirements(requirement, { authenticated: false, scopes: scopeMatrix(argument.value, name) });
    }
  }
  return requirement;
}

// GraphQL input coercion lets a single value stand for a list of one, at both levels.
function scopeMatrix(value: ConstValueNode, directiveName: string): string[][] {
  const asList = (node: ConstValueNode) => (node.kind === Kind.LIST ? node.values : [node]);
  return asList(value).map((alternative) =>
    asList(alternative).map((scope) => {
      if (scope.kind !== Kind.STRING) throw new Error(`@${directiveName} scopes must be strings`);
      return scope.value;
    }),
  );
}

function refusePolicy(directives: ReadonlyArray<ConstDirectiveNode> | undefined, names: AuthorizationDirectiveNames, where: string): void {
  if (directives?.some((directive) => directive.name.value === names.policy)) {
    throw new Error(`The supergraph applies @${names.policy} to ${where}: the router cannot evaluate policies, so it refuses to serve it`);
  }
}

function namedTypeName(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeName(type.type);
}
