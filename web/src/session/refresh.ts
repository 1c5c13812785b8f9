import { addTypenameToDocument } from '@apollo/client/utilities';
import { print } from 'graphql';
import { sortTopLevelDefinitions } from '../apollo/persisted-order';
import { graphql } from '../gql';
import type { RefreshOutcome } from './session-store';

/** What a session keeps from `register`, `login` and `refreshToken`. */
export const SessionPayloadFragment = graphql(`
  fragment SessionPayload on AuthPayload {
    token
    expiresAt
    refreshToken
    user {
      id
      username
      role
    }
  }
`);

export const RefreshSessionDocument = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...SessionPayload
    }
  }
`);

/** Where the router answers, on this origin (the dev server and the production host proxy it). */
export const GRAPHQL_PATH = '/graphql';

// Printed as Apollo Client would send it (typenames added, definitions in manifest order), so a router in safelist
// mode finds it in the app's manifest.
const REFRESH_QUERY = print(sortTopLevelDefinitions(addTypenameToDocument(RefreshSessionDocument)));

interface RefreshResponse {
  data?: {
    refreshToken?: {
      token: string;
      expiresAt: string;
      refreshToken: string;
      user: { id: string; username: string; role: 'CUSTOMER' | 'ADMIN' };
    } | null;
  } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

/**
 * Exchanges a refresh token with a plain `fetch`, outside Apollo Client, so the refresh never goes through the link
 * that retries on UNAUTHENTICATED. A refusal (UNAUTHENTICATED, BAD_USER_INPUT) means the session is over; anything
 * else (network, rate limit, server error) may work later.
 */
export async function requestRefresh(refreshToken: string, fetchImpl: typeof fetch = fetch): Promise<RefreshOutcome> {
  try {
    const response = await fetchImpl(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ operationName: 'RefreshSession', query: REFRESH_QUERY, variables: { refreshToken } }),
    });
    const body = (await response.json()) as RefreshResponse;
    const payload = body.data?.refreshToken;
    if (payload) return { ok: true, payload };
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    return { ok: false, rejected: codes.includes('UNAUTHENTICATED') || codes.includes('BAD_USER_INPUT') };
  } catch {
    return { ok: false, rejected: false };
  }
}
