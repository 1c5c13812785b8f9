import { Kind, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';

/** The names a supergraph gives the authorization directives (without `@`). */
export interface AuthorizationDirectiveNames {
  authenticated: string;
  requiresScopes: string;
  /** `@policy`, which this router cannot evaluate; named so that using it can be refused. */
  policy: string;
}

// The specs by the name of their main directive: the `for: SECURITY` features this router reads.
const AUTHORIZATION_SPECS = {
  authenticated: 'https://specs.apollo.dev/authenticated',
  requiresScopes: 'https://specs.apollo.dev/requiresScopes',
  policy: 'https://specs.apollo.dev/policy',
} as const;

type Feature = keyof typeof AUTHORIZATION_SPECS;

/**
 * Reads the directive names from the schema's `@link` (or `@core`) applications, honouring `as:` and `import:`
 * renames. A spec that is not linked keeps its default name, so hand-written test supergraphs work as they read.
 */
export function authorizationDirectiveNames(document: DocumentNode): AuthorizationDirectiveNames {
  const names: AuthorizationDirectiveNames = { authenticated: 'authenticated', requiresScopes: 'requiresScopes', policy: 'policy' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const link = readLink(directive);
      if (!link) continue;
      for (const feature of Object.keys(AUTHORIZATION_SPECS) as Feature[]) {
        if (isVersionOf(link.url, AUTHORIZATION_SPECS[feature])) names[feature] = nameInSchema(feature, link);
      }
    }
  }
  return names;
}

// Whether a spec URL (`https://specs.apollo.dev/authenticated/v0.1`) is a version of the spec identity.
function isVersionOf(url: string, identity: string): boolean {
  return url.startsWith(`${identity}/v`);
}

interface Link {
  url: string;
  as: string | null;
  imports: ReadonlyArray<{ name: string; as: string }>;
}

// `@link(url:, as:, import:)` from the link spec, or `@core(feature:, as:)` from the older core spec.
function readLink(directive: ConstDirectiveNode): Link | null {
  const urlArgument = directive.name.value === 'link' ? 'url' : directive.name.value === 'core' ? 'feature' : null;
  if (!urlArgument) return null;
  let url: string | null = null;
  let as: string | null = null;
  const imports: Array<{ name: string; as: string }> = [];
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === urlArgument && value.kind === Kind.STRING) url = value.value;
    else if (argument.name.value === 'as' && value.kind === Kind.STRING) as = value.value;
    else if (argument.name.value === 'import') imports.push(...readImports(value));
  }
  return url === null ? null : { url, as, imports };
}

// Each entry is "@name" or { name: "@name", as: "@alias" }; a lone value stands for a list of one.
function readImports(value: ConstValueNode): Array<{ name: string; as: string }> {
  const entries = value.kind === Kind.LIST ? value.values : [value];
  return entries.flatMap((entry) => {
    if (entry.kind === Kind.STRING) return [{ name: entry.value, as: entry.value }];
    if (entry.kind !== Kind.OBJECT) return [];
    const field = (key: string) => {
      const found = entry.fields.find((candidate) => candidate.name.value === key)?.value;
      return found?.kind === Kind.STRING ? found.value : null;
    };
    const name = field('name');
    return name === null ? [] : [{ name, as: field('as') ?? name }];
  });
}

// The link spec's rule: an imported directive goes by its import name; otherwise the main directive (named like the
// feature) goes by the link's `as:` or the feature name.
function nameInSchema(feature: Feature, link: Link): string {
  const imported = link.imports.find((entry) => entry.name === `@${feature}`);
  if (imported) return imported.as.replace(/^@/, '');
  return link.as ?? feature;
}
