import { AuditLog } from './audit';
import type { Coordination } from './coordination/types';
import { RevokedSessions } from './sessions';
import { createCoordination } from './coordination/index';
import { createDatabase, type Database } from './dynamodb/database';
import { jwtSettings, resolveInternalSecret, type JwtSettings } from './identity';
import { createLogger, type Logger } from './logger';
import type { RunningHttpServer } from './http/server';

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
    deps.log.info({ url: running.url }, `${name} ready`);
  })().catch((error: unknown) => {
    console.error(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
