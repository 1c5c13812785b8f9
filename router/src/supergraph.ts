import { Kind, parse, print, visit, type ConstDirectiveNode } from 'graphql';

/** The SECURITY features this router enforces itself (see authorization/), by their spec URL without version. */
export const ENFORCED_SECURITY_FEATURES = ['https://specs.apollo.dev/authenticated', 'https://specs.apollo.dev/requiresScopes'];

const linkUrl = (directive: ConstDirectiveNode) => {
  const url = directive.arguments?.find((arg) => arg.name.value === 'url')?.value;
  return url?.kind === Kind.STRING ? url.value : undefined;
};

/**
 * The supergraph as @apollo/gateway should see it. The gateway refuses a supergraph that links SECURITY features it
 * cannot enforce, and rightly: it would ignore them. This router enforces `@authenticated` and `@requiresScopes`
 * before planning, so for the gateway's copy only their links lose `for: SECURITY` (directives and renames stay as
 * they are, and the API schema is unchanged). Any other SECURITY feature (e.g. `@policy`) keeps its purpose, so the
 * gateway still refuses to start rather than ignore it.
 */
export function supergraphForGateway(supergraphSdl: string): string {
  return print(
    visit(parse(supergraphSdl), {
      Directive(node) {
        if (node.name.value !== 'link') return undefined;
        const url = linkUrl(node as ConstDirectiveNode);
        if (!url || !ENFORCED_SECURITY_FEATURES.some((feature) => url.startsWith(`${feature}/`))) return undefined;
        return { ...node, arguments: node.arguments?.filter((arg) => arg.name.value !== 'for') };
      },
    }),
  );
}
