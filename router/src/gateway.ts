import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@trading/platform';
import type { RouterContext } from './context';

/** Forwards the caller's verified token to the subgraph, which verifies it again. */
class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const token = 'identity' in context ? context.identity?.token : undefined;
    if (token) request.http?.headers.set('authorization', `Bearer ${token}`);
  }
}

export interface GatewayOptions {
  /** The composed supergraph SDL. */
  supergraphSdl: string;
  /** Subgraph URLs by name that replace the ones in the supergraph. */
  subgraphUrls?: Record<string, string>;
  log: Logger;
}

/** The federation gateway over a static supergraph, with subgraph URLs from configuration. */
export function createGateway(options: GatewayOptions): ApolloGateway {
  const { supergraphSdl, subgraphUrls = {}, log } = options;
  return new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => new SubgraphDataSource({ url: subgraphUrls[name] ?? url }),
  });
}
