import { Agent, request } from 'undici';

/** An HTTP answer with its body read as text. */
export interface TextAnswer {
  status: number;
  /** The content-type header, '' when absent. */
  contentType: string;
  text: string;
}

/** A pool of keep-alive connections for calls between services (undici). Close it as the service stops. */
export type HttpPool = Agent;

/**
 * A keep-alive connection pool without a connection limit (a call waits for the service it calls, never for a free
 * socket), giving up on a service that sends no headers, or no body, within `timeoutMs`.
 */
export function httpPool(timeoutMs: number): HttpPool {
  return new Agent({ keepAliveTimeout: 4_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

/**
 * POSTs a JSON body through `pool` and reads the answer as text: undici's `request`, several times cheaper per call
 * than `fetch` (no Request, Response, Headers or web streams). Rejects when the service cannot be reached or times
 * out; any status resolves.
 */
export async function postJson(pool: HttpPool, url: string, headers: Record<string, string>, body: string): Promise<TextAnswer> {
  const response = await request(url, { method: 'POST', dispatcher: pool, headers: { ...headers, 'content-type': 'application/json' }, body });
  const contentType = response.headers['content-type'];
  return { status: response.statusCode, contentType: typeof contentType === 'string' ? contentType : '', text: await response.body.text() };
}
