import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { scopesOf, type Identity } from '@trading/platform';

type ExecutionRequest = Parameters<GatewayExecutor>[0];
type ExecutionResult = Awaited<ReturnType<GatewayExecutor>>;

/**
 * Inbound in-flight deduplication: identical queries in flight at once are executed once (planned, fetched from the
 * subgraphs, merged) and the result is answered to every caller. Identical means the same operation as the gateway
 * plans it (its query hash, which for an operation with denied fields is the filtered document's own), the same
 * operation name, the same variables and the same caller: the same user with the same grants (a key's, or a
 * session's), or anonymous. A result therefore never crosses identities: an anonymous page joins anonymous pages,
 * a trader's dashboard only the same trader's. Each request still passes every admission step (rate limit,
 * limits, cost, authorization) on its own; only the execution is shared.
 *
 * Mutations are never shared, and a query that starts after one of this router's mutations finished never joins an
 * execution that started before it (the generation rule of the subgraph client): a client reads its own writes.
 */
export class InboundDeduplication {
  private readonly inFlight = new Map<string, Promise<ExecutionResult>>();
  /** Bumped when a mutation completes; part of every key. */
  private generation = 0;
  /** Queries answered from another caller's execution (for the metrics). */
  shared = 0;

  constructor(private readonly enabled = true) {}

  /** Runs `request` through `executor`, or joins the identical execution already in flight. */
  async execute(request: ExecutionRequest, executor: GatewayExecutor, identity: Identity | null): Promise<ExecutionResult> {
    if (request.operation.operation !== 'query') {
      try {
        return await executor(request);
      } finally {
        if (request.operation.operation === 'mutation') this.generation++;
      }
    }
    if (!this.enabled) return executor(request);
    const key = `${this.generation}\n${callerKey(identity)}\n${request.queryHash}\n${request.operationName ?? ''}\n${JSON.stringify(request.request.variables ?? {})}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      this.shared++;
      // Each answer its own top-level object: what Apollo Server does with one response cannot touch another's.
      return { ...(await pending) };
    }
    const started = executor(request).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}

/** Who a result may be answered to: anonymous callers share one scope; a caller, its user, role and grants. */
function callerKey(identity: Identity | null): string {
  if (!identity) return 'anonymous';
  return `${identity.userId}|${identity.role}|${[...scopesOf(identity)].sort().join(',')}`;
}
