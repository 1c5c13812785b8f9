import { defaultFieldResolver, getNamedType, isObjectType, Kind, type ConstDirectiveNode, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { ErrorCode, userError } from './errors';
import { scopesOf, type Identity } from './identity';

/**
 * Defense in depth: each subgraph enforces the `@authenticated` and `@requiresScopes` directives of its own SDL,
 * as the router does before planning, so a request that reaches a subgraph some other way is refused the same.
 */

/** What a field demands: any identity, and/or scopes (each inner list all required, any one list enough). */
export interface Requirement {
  authenticated: boolean;
  /** Every entry must be satisfied (several directives combine by AND); each entry is Apollo's OR-of-ANDs. */
  scopes: string[][][];
}

function directivesOf(node: { directives?: readonly ConstDirectiveNode[] | undefined } | null | undefined): readonly ConstDirectiveNode[] {
  return node?.directives ?? [];
}

function addRequirements(requirement: Requirement, directives: readonly ConstDirectiveNode[]): void {
  for (const directive of directives) {
    if (directive.name.value === 'authenticated') requirement.authenticated = true;
    if (directive.name.value === 'requiresScopes') {
      const argument = directive.arguments?.find((arg) => arg.name.value === 'scopes')?.value;
      if (argument?.kind !== Kind.LIST) continue;
      requirement.scopes.push(
        argument.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [])),
      );
    }
  }
}

function typeDirectives(type: GraphQLNamedType): readonly ConstDirectiveNode[] {
  return [...directivesOf(type.astNode), ...(type.extensionASTNodes ?? []).flatMap((node) => directivesOf(node))];
}

type ReferenceResolver = (reference: unknown, context: { identity: Identity | null }, info: unknown) => unknown;

/** Checks a requirement against a caller; throws UNAUTHENTICATED (no identity) or FORBIDDEN (missing scope). */
export function checkRequirement(requirement: Requirement, identity: Identity | null, what: string): void {
  if (!identity) {
    if (requirement.authenticated || requirement.scopes.length) throw userError(ErrorCode.UNAUTHENTICATED, `Sign in to use ${what}`);
    return;
  }
  const scopes = scopesOf(identity);
  for (const alternatives of requirement.scopes) {
    if (!alternatives.some((all) => all.every((scope) => scopes.has(scope)))) {
      const needed = alternatives.map((all) => all.join(' and ')).join(' or ');
      throw userError(ErrorCode.FORBIDDEN, `${what} requires the scope ${needed}`);
    }
  }
}

/**
 * Wraps the resolvers of every field whose SDL (the field, its parent type or its return type) carries
 * `@authenticated` or `@requiresScopes`, and the reference resolvers of such types, with a check of the request's
 * identity (`context.identity`). Mutates and returns the schema.
 */
export function enforceAuthorizationDirectives(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRequirement: Requirement = { authenticated: false, scopes: [] };
    addRequirements(typeRequirement, typeDirectives(type));
    for (const field of Object.values(type.getFields())) {
      const requirement: Requirement = { authenticated: typeRequirement.authenticated, scopes: [...typeRequirement.scopes] };
      addRequirements(requirement, directivesOf(field.astNode));
      addRequirements(requirement, typeDirectives(getNamedType(field.type)));
      if (!requirement.authenticated && requirement.scopes.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const what = `${type.name}.${field.name}`;
      field.resolve = (source, args, context: { identity: Identity | null }, info) => {
        checkRequirement(requirement, context.identity, what);
        return resolve(source, args, context, info);
      };
      // A subscription is checked when it starts, before any event flows.
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, context: { identity: Identity | null }, info) => {
          checkRequirement(requirement, context.identity, what);
          return subscribe(source, args, context, info);
        };
      }
    }
    // @apollo/subgraph keeps a type's __resolveReference in its extensions; entity lookups go through it.
    const extensions = type.extensions as { apollo?: { subgraph?: { resolveReference?: ReferenceResolver } } };
    const resolveReference = extensions.apollo?.subgraph?.resolveReference;
    if (resolveReference && (typeRequirement.authenticated || typeRequirement.scopes.length)) {
      const guarded: ReferenceResolver = (reference, context, info) => {
        checkRequirement(typeRequirement, context.identity, type.name);
        return resolveReference(reference, context, info);
      };
      (type as { extensions: unknown }).extensions = {
        ...extensions,
        apollo: { ...extensions.apollo, subgraph: { ...extensions.apollo?.subgraph, resolveReference: guarded } },
      };
    }
  }
  return schema;
}
