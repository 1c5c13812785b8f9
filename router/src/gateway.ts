import { ApolloGateway, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { InternalTokenSigner, Logger } from '@trading/platform';
import { Kind, type DocumentNode } from 'graphql';
import type { RouterContext } from './context';
import type { RouterMetrics } from './metrics';
import { dedupeRepresentations } from './representations';
import { SubgraphClient } from './subgraph-client';

/** Whether a subgraph operation the gateway planned is a mutation (read once per planned document). */
const mutations = new WeakMap<DocumentNode, boolean>();
function isMutation(document: DocumentNode | undefined, query: string): boolean {
  if (!document) return /^\s*mutation\b/.test(query);
  let mutation = mutations.get(document);
  if (mutation === undefined) {
    mutation = document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation');
    mutations.set(document, mutation);
  }
  return mutation;
}

/**
 * One subgraph as the gateway calls it, through the router's SubgraphClient (keep-alive pools, identical queries in
 * flight sent once). Sends the identity the router verified as an internal token the subgraphs verify (never the
 * client's own token, which subgraphs refuse), and the request id.
 */
class SubgraphDataSource implements GraphQLDataSource<RouterContext> {
  constructor(
    private readonly name: string,
    private readonly url: string,
    private readonly signer: InternalTokenSigner,
    private readonly client: SubgraphClient,
    private readonly metrics?: RouterMetrics,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>): ReturnType<GraphQLDataSource['process']> {
    const stop = this.metrics?.subgraphFetches.startTimer({ subgraph: this.name });
    try {
      // An entity fetch that names an entity several times asks for it once (see representations.ts).
      const deduped = dedupeRepresentations(options.request);
      if (!deduped) return await this.send(options, options.request);
      return deduped.expand(await this.send(options, deduped.request));
    } finally {
      stop?.();
    }
  }

  private async send(options: GraphQLDataSourceProcessOptions<RouterContext>, request: GraphQLDataSourceProcessOptions<RouterContext>['request']) {
    const { query, variables, operationName, extensions } = request;
    if (!query) throw new Error('Missing query');
    // The gateway's own health checks run without a request context: they go out anonymous.
    const context = options.context as Partial<RouterContext>;
    const caller = 'identity' in context ? (context as RouterContext) : { identity: null };
    const headers: Record<string, string> = {};
    // Headers the gateway asks for (a trace header when tracing is on); the identity is always the router's.
    if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name.toLowerCase()] = value;
    headers.authorization = `Bearer ${this.signer.tokenFor(caller)}`;
    const body = JSON.stringify({ query, variables, operationName, extensions });
    const document = 'document' in options ? options.document : undefined;
    const answer = await this.client.fetch(this.name, this.url, body, headers, context.requestId, isMutation(document, query));
    return answer as Awaited<ReturnType<GraphQLDataSource['process']>>;
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
  /** The HTTP client of subgraph calls. */
  client: SubgraphClient;
}

/** The data source for one subgraph: its configured URL (or the supergraph's), with the router's identity. */
export function subgraphDataSource(
  name: string,
  url: string | undefined,
  subgraphUrls: Record<string, string>,
  signer: InternalTokenSigner,
  client: SubgraphClient,
  metrics?: RouterMetrics,
): SubgraphDataSource {
  const target = subgraphUrls[name] ?? url;
  if (!target) throw new Error(`The supergraph gives no URL for the subgraph ${name}: set SUBGRAPH_URL_${name.toUpperCase()}`);
  return new SubgraphDataSource(name, target, signer, client, metrics);
}

/** The federation gateway over a static supergraph, with subgraph URLs from configuration. */
export function createGateway(options: GatewayOptions): ApolloGateway {
  const { supergraphSdl, subgraphUrls = {}, signer, log, metrics, client } = options;
  return new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => subgraphDataSource(name, url, subgraphUrls, signer, client, metrics),
  });
}
