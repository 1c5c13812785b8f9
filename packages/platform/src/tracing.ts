// OpenTelemetry tracing, off unless the standard OTLP variables ask for it. Imported first by every service's main
// (before http is loaded by anything else), it patches Node's http (and listens to undici, the client of calls
// between services) so that incoming and outgoing requests become spans and carry the W3C `traceparent` header: a
// trace starts at the router, follows its fetches to the subgraphs (the gateway adds its own plan/execute/fetch
// spans), and continues in each subgraph.
//
//   OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)  switches it on, e.g. http://collector:4318
//   OTEL_EXPORTER_OTLP_PROTOCOL   http/protobuf (default) or http/json
//   OTEL_SERVICE_NAME             default: the service (router, users, inventory, orders)
//   OTEL_TRACES_SAMPLER(_ARG)     e.g. parentbased_traceidratio and 0.1; OTEL_SDK_DISABLED=true turns it off again
//
// Without those variables nothing of the SDK is loaded. The SDK's versions are pinned to the last that support
// Node 20 (0.223.x).

/** True when the environment asks for traces to be exported. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (/^true$/i.test(env.OTEL_SDK_DISABLED ?? '')) return false;
  if ((env.OTEL_TRACES_EXPORTER ?? 'otlp') === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let started: { shutdown(): Promise<void> } | null = null;

/** Starts tracing for this process if the environment asks for it; flushes spans at exit. Idempotent. */
export function startTracing(serviceName: string): void {
  if (started || !tracingRequested()) return;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  /* eslint-enable @typescript-eslint/no-require-imports */
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  const sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not worth a trace each.
        ignoreIncomingRequestHook: (request) => /^\/(health|ready|metrics)\b/.test(request.url ?? ''),
      }),
      // The router's subgraph calls and orders' price lookups go through undici, not Node's http.
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  started = sdk;
  const flush = () => void sdk.shutdown().catch(() => undefined);
  process.once('beforeExit', flush);
}

/** Sends the spans still buffered (a service calls this as it stops). */
export async function stopTracing(): Promise<void> {
  await started?.shutdown().catch(() => undefined);
  started = null;
}
