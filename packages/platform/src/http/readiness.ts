import { sendJson, type Route } from './server';

/** One dependency a service needs to serve: resolves when it is reachable, throws (or times out) when not. */
export type ReadinessCheck = () => Promise<unknown>;

/** How long one check may take before it counts as failed. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * `GET /ready`: 200 `{ status: "ready", checks }` when every dependency answered within 2 s, else 503 with what
 * failed (`checks.redis: "timed out"`); load balancers and Kubernetes send traffic only to ready instances.
 * `/health` stays 200 while the process runs (liveness); `/ready` says whether it can serve (readiness).
 *
 * `partial` dependencies are ones the service can serve without, in part (the router's subgraphs: a query that does
 * not touch a stopped subgraph still works): some of them down is 200 `degraded`, all of them down is 503. Taking
 * every router out of service because one subgraph stopped would turn a partial outage into a total one.
 */
export function readinessRoute(checks: Record<string, ReadinessCheck>, partial: Record<string, ReadinessCheck> = {}): Route {
  return async (_req, res) => {
    const [required, optional] = await Promise.all([outcomes(checks), outcomes(partial)]);
    const requiredOk = required.every(([, outcome]) => outcome === 'ok');
    const partialUp = optional.filter(([, outcome]) => outcome === 'ok').length;
    const status = !requiredOk || (optional.length > 0 && partialUp === 0) ? 'not ready' : partialUp < optional.length ? 'degraded' : 'ready';
    sendJson(res, status === 'not ready' ? 503 : 200, { status, checks: Object.fromEntries([...required, ...optional]) });
  };
}

/** Runs checks in parallel, each bounded by CHECK_TIMEOUT_MS: `ok` or why it failed, by name. */
function outcomes(checks: Record<string, ReadinessCheck>): Promise<(readonly [string, string])[]> {
  return Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
          }),
        ]);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message.slice(0, 200) : 'failed'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** A check that GETs another service's `/health` (for the router: each subgraph). */
export function healthOf(graphqlUrl: string): ReadinessCheck {
  const url = graphqlUrl.replace(/\/graphql$/, '/health');
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  };
}
