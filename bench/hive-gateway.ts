import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { useJIT } from '@graphql-mesh/plugin-jit';
import { InternalTokenSigner } from '@trading/platform';
import { supergraphForGateway } from '@trading/router/src/supergraph';
import { env, identityOf } from './peer-gateway';

// The Hive Gateway peers of `npm run bench` (@graphql-hive/gateway 2.15.1, Node), over the same committed
// supergraph, with the subgraph URLs replaced by the running ones (SUBGRAPH_URL_USERS, ..._INVENTORY, ..._ORDERS):
// - `hive`: its defaults;
// - `hive-tuned` (HIVE_TUNED=true): the settings of the public gateway benchmark's Hive Gateway, `--jit` (graphql-jit
//   for execution, what the CLI flag turns on) and `inboundInflightRequestDeduplication: true` in its config.
//
// What it needs beyond that, as the stock gateway does (bench/stock-gateway.ts): the internal token the subgraphs
// require, signed per caller from the verified JWT (propagateHeaders), and the supergraph copy without the SECURITY
// purpose on @authenticated/@requiresScopes (Hive Gateway does not enforce them here; the subgraphs still do).
//
// Prints `{"url":"http://...","msg":"hive gateway ready"}` once listening, for startServiceProcess.

/** The supergraph with each subgraph's `join__graph` URL replaced by the running one. */
function withUrls(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

(() => {
  const jwtSecret = env('JWT_SECRET');
  const signer = new InternalTokenSigner(env('INTERNAL_SECRET'));
  const tuned = process.env.HIVE_TUNED === 'true';
  const urls = { users: env('SUBGRAPH_URL_USERS'), inventory: env('SUBGRAPH_URL_INVENTORY'), orders: env('SUBGRAPH_URL_ORDERS') };
  const sdl = fs.readFileSync(path.resolve(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
  const gateway = createGatewayRuntime({
    supergraph: withUrls(supergraphForGateway(sdl), urls),
    logging: 'error',
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: `Bearer ${signer.tokenFor({ identity: identityOf(request.headers.get('authorization'), jwtSecret) })}`,
      }),
    },
    ...(tuned ? { inboundInflightRequestDeduplication: true, plugins: () => [useJIT()] } : {}),
  });
  const server = http.createServer(gateway);
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const { address, port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://${address}:${port}/graphql`, msg: `hive gateway${tuned ? ' (tuned)' : ''} ready` })}\n`);
  });
  const stop = () => {
    server.close();
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
})();
