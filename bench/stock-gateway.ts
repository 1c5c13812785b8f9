import fs from 'node:fs';
import path from 'node:path';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { InternalTokenSigner, type Identity } from '@trading/platform';
import { supergraphForGateway } from '@trading/router/src/supergraph';
import { env, identityOf } from './peer-gateway';

// The stock baseline of `npm run bench`: Apollo Server 5 standalone + @apollo/gateway, default settings, over the
// committed supergraph, with the subgraph URLs replaced by the running ones (SUBGRAPH_URL_USERS, ..._INVENTORY,
// ..._ORDERS) through `buildService` + `RemoteGraphQLDataSource({ url })`. No authorization, operation limits, rate
// limits, access log, metrics or tracing: what a team gets before adding any of it.
//
// What it needs beyond the defaults, because the subgraphs and the supergraph require it:
// - The subgraphs accept only requests carrying an internal token signed with INTERNAL_SECRET. The data source's
//   `willSendRequest` adds one. The caller's JWT is verified once per request (HS256 with JWT_SECRET, as the router
//   does) in the context function, and the identity's token comes from InternalTokenSigner, which signs once per
//   caller and reuses the token for half its life: no signing on the hot path.
// - @apollo/gateway refuses a supergraph that links SECURITY features it does not enforce (@authenticated,
//   @requiresScopes). It gets the copy the router's gateway gets (`supergraphForGateway`: those two links lose
//   `for: SECURITY`, the API schema is unchanged). It does not enforce them; the subgraphs still do.
//
// Prints `{"url":"http://...","msg":"stock gateway ready"}` once listening, as the services do, for
// startServiceProcess.

interface StockContext {
  identity: Identity | null;
}

/** Adds the internal token the subgraphs require; otherwise the stock data source. */
class InternalTokenDataSource extends RemoteGraphQLDataSource<StockContext> {
  constructor(
    url: string,
    private readonly signer: InternalTokenSigner,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<StockContext>): void {
    // The gateway's own requests (none with a static supergraph) carry no request context: anonymous.
    const identity = 'identity' in context ? (context as StockContext).identity : null;
    request.http?.headers.set('authorization', `Bearer ${this.signer.tokenFor({ identity })}`);
  }
}

(async () => {
  const jwtSecret = env('JWT_SECRET');
  const signer = new InternalTokenSigner(env('INTERNAL_SECRET'));
  const urls: Record<string, string> = {
    users: env('SUBGRAPH_URL_USERS'),
    inventory: env('SUBGRAPH_URL_INVENTORY'),
    orders: env('SUBGRAPH_URL_ORDERS'),
  };
  const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForGateway(supergraphSdl),
    buildService: ({ name, url }) => new InternalTokenDataSource(urls[name] ?? url!, signer),
  });
  const server = new ApolloServer<StockContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' },
    context: async ({ req }) => ({ identity: identityOf(req.headers.authorization, jwtSecret) }),
  });
  const stop = () => void server.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ url: new URL('graphql', url).href, msg: 'stock gateway ready' })}\n`);
})().catch((error: unknown) => {
  console.error(`stock gateway failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
