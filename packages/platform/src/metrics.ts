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

/** One service's metrics: GraphQL requests by operation and their latency, errors by code; served at /metrics. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requestDuration: Histogram<'operation' | 'type'>;
  readonly errors: Counter<'code'>;
  private readonly operationLabels = new Set<string>();

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
