import { Kind, parse, print, visit, type ConstDirectiveNode } from 'graphql';

/** The SECURITY features this router enforces itself (see authorization/), by their spec URL. */
export const ENFORCED_SECURITY_FEATURES = ['https://specs.apollo.dev/authenticated/v0.1', 'https://specs.apollo.dev/requiresScopes/v0.1'];

const linkUrl = (directive: ConstDirectiveNode) => {
  const url = directive.arguments?.find((arg) => arg.name.value === 'url')?.value;
  return url?.kind === Kind.STRING ? url.value : undefined;
};

/**
 * The supergraph as @apollo/gateway should see it. The gateway refuses a supergraph that links SECURITY features it
 * cannot enforce, and rightly: it would ignore them. This router enforces `@authenticated` and `@requiresScopes`
 * before planning, so their links, definitions and uses are removed from the gateway's copy only. Any other SECURITY
 * feature (e.g. `@policy`) is left in place, so the gateway still refuses to start rather than ignore it.
 */
export function supergraphForGateway(supergraphSdl: string): string {
  const names = new Set(['authenticated', 'requiresScopes']);
  return print(
    visit(parse(supergraphSdl), {
      Directive(node) {
        if (node.name.value === 'link') {
          const url = linkUrl(node as ConstDirectiveNode);
          return url && ENFORCED_SECURITY_FEATURES.includes(url) ? null : undefined;
        }
        return names.has(node.name.value) ? null : undefined;
      },
      DirectiveDefinition(node) {
        return names.has(node.name.value) ? null : undefined;
      },
      ScalarTypeDefinition(node) {
        return node.name.value === 'requiresScopes__Scope' ? null : undefined;
      },
    }),
  );
}
