import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import {
  createErrorFormatter,
  healthRoute,
  identityFromAuthorization,
  type JwtSettings,
  type Logger,
  type RunningHttpServer,
  serveGraphQL,
  userError,
  ErrorCode,
} from '@trading/platform';
import { GraphQLError } from 'graphql';
import type { RouterContext } from './context';
import { createGateway } from './gateway';

export interface RouterOptions {
  /** Path of the supergraph SDL file. */
  supergraphFile: string;
  /** Subgraph URLs by name that replace the ones in the supergraph. */
  subgraphUrls?: Record<string, string>;
  jwt: JwtSettings;
  log: Logger;
  port: number;
  host?: string;
}

/** A running router: where it listens and how to stop it. */
export type RunningRouter = RunningHttpServer;

/**
 * Starts the router: Apollo Server with @apollo/gateway serving the supergraph at `/graphql` (Apollo Sandbox on GET
 * in a browser), `/health`. Every request's token is verified before anything is planned; a token that is present
 * but invalid is refused as UNAUTHENTICATED, never treated as anonymous.
 */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { jwt, log } = options;
  const supergraphSdl = fs.readFileSync(options.supergraphFile, 'utf8');
  const gateway = createGateway({ supergraphSdl, subgraphUrls: options.subgraphUrls ?? {}, log });
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    formatError: createErrorFormatter((error) => log.error({ err: error }, 'unexpected error in the router')),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  return serveGraphQL({
    apollo,
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    routes: { '/health': healthRoute },
    context: async (req) => {
      try {
        return { identity: identityFromAuthorization(jwt, req.headers.authorization) };
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        // 401 tells HTTP clients to sign in again; the body carries the GraphQL error and its code.
        throw userError(ErrorCode.UNAUTHENTICATED, error.message, { ...error.extensions, http: { status: 401 } });
      }
    },
  });
}
