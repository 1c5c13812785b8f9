import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { InternalTokenSigner, Logger } from '@trading/platform';
import type { RouterContext } from './context';
import type { RouterMetrics } from './metrics';
import { dedupeRepresentations } from './representations';

/**
 * Sends the identity the router verified as an internal token the subgraphs verify (never the client's own token,
 * which subgraphs refuse).
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly signer: InternalTokenSigner,
    private readonly metrics?: RouterMetrics,
  ) {
    super({ url });
  }

  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): ReturnType<RemoteGraphQLDataSource<RouterContext>['process']> {
    const stop = this.metrics?.subgraphFetches.startTimer({ subgraph: this.name });
    try {
      // An entity fetch that names an entity several times asks for it once (see representations.ts).
      const deduped = dedupeRepresentations(options.request);
      if (!deduped) return await super.process(options);
      return deduped.expand(await super.process({ ...options, request: deduped.request }));
    } finally {
      stop?.();
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    // The gateway's own health checks run without a request context: they go out anonymous.
    const caller = 'identity' in context ? (context as RouterContext) : { identity: null };
    request.http?.headers.set('authorization', `Bearer ${this.signer.tokenFor(caller)}`);
    if ('requestId' in context) request.http?.headers.set('x-request-id', (context as RouterContext).requestId);
  }
}

export interface GatewayOptions {
  /** The composed supergraph SDL. */
  supergraphSdl: string;
  /** Subgraph URLs by name that replace the ones in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** Signs the internal identities sent to subgraphs. */
  signer: InternalTokenSigner;
  log: Logger;
  /** Times every subgraph fetch; none when omitted. */
  metrics?: RouterMetrics;
}

/** The data source for one subgraph: its configured URL (or the supergraph's), with the router's identity. */
export function subgraphDataSource(
  name: string,
  url: string | undefined,
  subgraphUrls: Record<string, string>,
  signer: InternalTokenSigner,
  metrics?: RouterMetrics,
): SubgraphDataSource {
  const target = subgraphUrls[name] ?? url;
  if (!target) throw new Error(`The supergraph gives no URL for the subgraph ${name}: set SUBGRAPH_URL_${name.toUpperCase()}`);
  return new SubgraphDataSource(name, target, signer, metrics);
}

/** The federation gateway over a static supergraph, with subgraph URLs from configuration. */
export function createGateway(options: GatewayOptions): ApolloGateway {
  const { supergraphSdl, subgraphUrls = {}, signer, log, metrics } = options;
  return new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => subgraphDataSource(name, url, subgraphUrls, signer, metrics),
  });
}
