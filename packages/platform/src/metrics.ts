import type http from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Prometheus metrics (prom-client): each service has its own registry (several services may share a process in
// tests and `npm start`), merged at scrape time with the process's (CPU, memory, event loop, GC) and the platform's
// process-wide figures (DynamoDB retries, lock waits).

interface ProcessMetrics {
  registry: Registry;
  /** Requests DynamoDB answered only after retrying (throttling, transient errors), by operation. */
  dynamoRetries: Counter<'operation'>;
  /** Time spent waiting for a lock, by outcome (acquired or timeout). */
  lockWaits: Histogram<'outcome'>;
}

let shared: ProcessMetrics | undefined;

/** The metrics of this process, created once however many services it runs. */
export function processMetrics(): ProcessMetrics {
  if (!shared) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    shared = {
      registry,
      dynamoRetries: new Counter({
        name: 'dynamodb_retries_total',
        help: 'DynamoDB requests retried by the SDK (throttling, transient errors), by operation',
        labelNames: ['operation'],
        registers: [registry],
      }),
      lockWaits: new Histogram({
        name: 'lock_wait_seconds',
        help: 'Time spent waiting for a lock (per account for money, per feed for prices), by outcome',
        labelNames: ['outcome'],
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      }),
    };
  }
  return shared;
}

/** Operation names are chosen by clients: at most this many distinct ones become label values, the rest `other`. */
const MAX_OPERATION_LABELS = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const ERROR_CODE = /^[A-Z_]{1,64}$/;

/** An error code as a label value: codes are ours, but a bounded shape keeps a stray one from exploding the series. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && ERROR_CODE.test(code) ? code : 'OTHER';
}

/** Causes of unexpected errors: at most this many distinct ones become label values, the rest `other`. */
const MAX_CAUSE_LABELS = 100;
const CAUSE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * What caused an unexpected error, as a label value: the class name of the error behind the GraphQL error
 * (`RangeError`, `ValidationException` from DynamoDB, ...); `SubgraphError` for a subgraph's masked error passed on
 * by the router (the subgraph counts its cause); `GraphQLError` for one made without a code.
 */
function causeOf(error: unknown): string {
  let cause = error;
  for (let hops = 0; hops < 5 && typeof cause === 'object' && cause !== null && 'originalError' in cause && cause.originalError; hops++) {
    cause = cause.originalError;
  }
  if (!(cause instanceof Error)) return 'unknown';
  const extensions = (cause as { extensions?: Record<string, unknown> }).extensions;
  if (cause.name === 'GraphQLError' && extensions?.code === 'INTERNAL_SERVER_ERROR') return 'SubgraphError';
  return cause.name;
}

/** One service's metrics: GraphQL requests by operation and their latency, errors by code; served at /metrics. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requestDuration: Histogram<'operation' | 'type'>;
  readonly errors: Counter<'code'>;
  /** Errors clients got masked as INTERNAL_SERVER_ERROR, by cause: each one is a bug or an outage to look at. */
  readonly unexpectedErrors: Counter<'service' | 'error'>;
  private readonly operationLabels = new Set<string>();
  private readonly causeLabels = new Set<string>();

  constructor(readonly service: string) {
    this.requestDuration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL operations served, by operation name and type, and how long each took',
      labelNames: ['operation', 'type'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.unexpectedErrors = new Counter({
      name: 'unexpected_errors_total',
      help: 'Unexpected errors (answered INTERNAL_SERVER_ERROR, logged with their stack), by service and cause',
      labelNames: ['service', 'error'],
      registers: [this.registry],
    });
  }

  /** Counts one unexpected error under its cause (see causeOf); bounded like operation names. */
  countUnexpected(error: unknown): void {
    let cause = causeOf(error);
    if (!CAUSE_NAME.test(cause)) cause = 'other';
    else if (!this.causeLabels.has(cause)) {
      if (this.causeLabels.size >= MAX_CAUSE_LABELS) cause = 'other';
      else this.causeLabels.add(cause);
    }
    this.unexpectedErrors.inc({ service: this.service, error: cause });
  }

  /** The label for a client-chosen operation name: bounded in shape and in number. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationLabels.has(name)) return name;
    if (this.operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
    this.operationLabels.add(name);
    return name;
  }

  /** `GET /metrics` in Prometheus' text format: this service's figures and the process's. */
  readonly route = async (_req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const merged = Registry.merge([processMetrics().registry, this.registry]);
    const body = await merged.metrics();
    res.writeHead(200, { 'content-type': merged.contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}
