import { STATUS_CODES } from 'node:http';
import { ErrorCode, httpPool, type HttpPool, postJson, type TextAnswer, userError } from '@trading/platform';
import { GraphQLError } from 'graphql';

/** A subgraph's answer as the gateway takes it. */
export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface SubgraphClientOptions {
  /**
   * Whether a query sent while the same one (same subgraph, body and headers but the request id) is on its way
   * waits for that one's answer instead of going out again. Default true.
   */
  shareInFlight?: boolean;
  /** How long to wait for a subgraph's response headers, then its body, in ms. Default 30,000. */
  timeoutMs?: number;
}

/**
 * The router's HTTP client for subgraph calls: keep-alive connection pools on undici's `request`, in place of the
 * gateway's default (make-fetch-happen over node-fetch, which builds a Request, Headers and an Error with its stack
 * per call: about a third of a stock gateway's CPU under load, see ../shared/PERFORMANCE.md).
 *
 * Identical queries in flight are sent once: the key is everything the subgraph receives (URL, headers, body)
 * except the request id, so two callers share an answer only when the subgraph could not tell them apart; the
 * internal token names the caller, so no one gets another identity's data. Each caller parses the answer for itself
 * (the gateway writes into what it gets). Mutations are never shared, and a query that starts after one of this
 * router's mutations finished never joins a fetch that started before: a client reads its own writes. A mutation
 * made through another router instance can be missed by a query that joins a fetch already on its way, as if that
 * query had been sent a few milliseconds earlier.
 *
 * Transport failures (refused, reset, timed out) become SERVICE_UNAVAILABLE naming the subgraph. A non-2xx answer
 * becomes the error the stock data source makes of it (`<status>: <text>`, with the response in extensions).
 */
export class SubgraphClient {
  private readonly pool: HttpPool;
  private readonly inFlight = new Map<string, Promise<TextAnswer>>();
  private readonly shareInFlight: boolean;
  /** Bumped when a mutation completes; part of every sharing key. */
  private generation = 0;
  /** Queries answered from another caller's fetch (for the metrics). */
  shared = 0;

  constructor(options: SubgraphClientOptions = {}) {
    this.shareInFlight = options.shareInFlight ?? true;
    this.pool = httpPool(options.timeoutMs ?? 30_000);
  }

  /**
   * Sends one GraphQL request to a subgraph and returns its parsed answer. `headers` are sent as given (plus
   * content-type); `requestId` goes as `x-request-id` and is left out of the sharing key.
   */
  async fetch(
    subgraph: string,
    url: string,
    body: string,
    headers: Record<string, string>,
    requestId: string | undefined,
    mutation: boolean,
  ): Promise<SubgraphAnswer> {
    let raw: TextAnswer;
    if (mutation) {
      try {
        raw = await this.send(subgraph, url, body, headers, requestId);
      } finally {
        this.generation++;
      }
    } else if (this.shareInFlight) {
      const key = `${this.generation}\n${url}\n${JSON.stringify(headers)}\n${body}`;
      let pending = this.inFlight.get(key);
      if (pending) this.shared++;
      else {
        pending = this.send(subgraph, url, body, headers, requestId).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, pending);
      }
      raw = await pending;
    } else {
      raw = await this.send(subgraph, url, body, headers, requestId);
    }
    return answerOf(raw, url);
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(
    subgraph: string,
    url: string,
    body: string,
    headers: Record<string, string>,
    requestId: string | undefined,
  ): Promise<TextAnswer> {
    try {
      return await postJson(this.pool, url, requestId ? { ...headers, 'x-request-id': requestId } : headers, body);
    } catch (error) {
      throw userError(ErrorCode.SERVICE_UNAVAILABLE, `The ${subgraph} service is unavailable: try again shortly`, {}, error);
    }
  }
}

function answerOf({ status, contentType, text }: TextAnswer, url: string): SubgraphAnswer {
  const json = contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json');
  const body: unknown = json ? JSON.parse(text) : text;
  if (status < 200 || status > 299) {
    const statusText = STATUS_CODES[status] ?? '';
    throw new GraphQLError(`${status}: ${statusText}`, {
      extensions: {
        response: { url, status, statusText, body },
        ...(status === 401 ? { code: ErrorCode.UNAUTHENTICATED } : status === 403 ? { code: ErrorCode.FORBIDDEN } : {}),
      },
    });
  }
  if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${text}`);
  return body as SubgraphAnswer;
}
