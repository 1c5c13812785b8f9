import { AuditLog } from './audit';
import type { Coordination } from './coordination/types';
import { RevokedSessions } from './sessions';
import { createCoordination } from './coordination/index';
import { createDatabase, type Database } from './dynamodb/database';
import { jwtSettings, resolveInternalSecret, type JwtSettings } from './identity';
import { createLogger, type Logger } from './logger';
import type { RunningHttpServer } from './http/server';
import type { ReadinessCheck } from './http/readiness';
import type { TableKey } from './dynamodb/tables';
import { stopTracing } from './tracing';

/** The settings every backend service has (see `commonConfigShape`). */
export interface CommonConfig {
  LOG_LEVEL: string;
  DATA_DIR: string;
  DYNAMODB_ENDPOINT?: string | undefined;
  AWS_REGION: string;
  DYNAMODB_TABLE_PREFIX: string;
  REDIS_URL?: string | undefined;
  REDIS_KEY_PREFIX: string;
  JWT_SECRET?: string | undefined;
  INTERNAL_SECRET?: string | undefined;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_TTL_SECONDS: number;
  AUDIT_RETENTION_DAYS: number;
}

/** The connections a subgraph is started with. */
export interface ServiceDeps {
  db: Database;
  coordination: Coordination;
  jwt: JwtSettings;
  /** Key of the internal identities the router signs (see internal-identity.ts). */
  internalSecret: string;
  /** Sessions that have ended: their tokens are refused everywhere. */
  revoked: RevokedSessions;
  /** The security audit trail. */
  audit: AuditLog;
  log: Logger;
}

/** Connects a service's dependencies from its configuration. */
export async function connectServiceDeps(name: string, config: CommonConfig): Promise<ServiceDeps> {
  const log = createLogger(name, config.LOG_LEVEL);
  const db = createDatabase({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION, tablePrefix: config.DYNAMODB_TABLE_PREFIX });
  const coordination = await createCoordination({
    redisUrl: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    onError: (err) => log.error({ err }, 'coordination error'),
  });
  return {
    db,
    coordination,
    jwt: jwtSettings(config),
    internalSecret: resolveInternalSecret(config),
    revoked: new RevokedSessions(coordination.store, config.JWT_TTL_SECONDS, coordination.events),
    audit: new AuditLog(db, { retentionDays: config.AUDIT_RETENTION_DAYS, log }),
    log,
  };
}

/**
 * The `main` of a service run alone: reads its configuration, connects, starts it and logs where it listens.
 * A bad configuration or a failed start prints why and exits with status 1.
 */
export function runService<C extends CommonConfig>(
  name: string,
  loadConfig: () => C,
  start: (config: C, deps: ServiceDeps) => Promise<RunningHttpServer>,
): void {
  (async () => {
    const config = loadConfig();
    const deps = await connectServiceDeps(name, config);
    const running = await start(config, deps);
    stopOnSignals(deps, running.close);
    deps.log.info({ url: running.url }, `${name} ready`);
  })().catch((error: unknown) => {
    console.error(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/** How long a stopping service may take to finish what it is doing before it exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Graceful shutdown on SIGTERM or SIGINT: `close` stops accepting and lets in-flight work finish (sockets are told
 * the service is going away), then the service's connections close and the process exits 0. Past `deadlineMs` it
 * exits 1 whatever is still running. A second signal does not start a second shutdown.
 */
export function stopOnSignals(
  deps: Pick<ServiceDeps, 'log' | 'coordination' | 'db'>,
  close: () => Promise<void>,
  deadlineMs = SHUTDOWN_DEADLINE_MS,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal, deadlineMs }, 'shutting down');
    setTimeout(() => {
      deps.log.error({ deadlineMs }, 'shutdown deadline passed: exiting with work unfinished');
      process.exit(1);
    }, deadlineMs).unref();
    (async () => {
      await close();
      await deps.coordination.close();
      deps.db.close();
      await stopTracing();
    })().then(
      () => {
        deps.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        deps.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * What a service needs to serve, for GET /ready: DynamoDB (a DescribeTable of one of its tables) and its events,
 * locks and rate limits (a read from the coordination store: Redis when configured).
 */
export function dependencyChecks(deps: Pick<ServiceDeps, 'db' | 'coordination'>, table: TableKey): Record<string, ReadinessCheck> {
  return {
    dynamodb: () => deps.db.ping(table),
    coordination: () => deps.coordination.store.get('readiness-probe'),
  };
}
