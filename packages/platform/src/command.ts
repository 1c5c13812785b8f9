import fs from 'node:fs';
import path from 'node:path';
import { commonConfigShape, loadConfig, z } from './config';
import { createDatabase, type Database } from './dynamodb/database';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './dynamodb/embedded';

// Imported as @trading/platform/command, not from the package index: services on a real DynamoDB should not load
// dynalite and LevelDB.

/**
 * What an operator command (create-admin, reconcile, backfill-indexes) reads to find the database: no secrets, so
 * `NODE_ENV=production npm run reconcile` needs only the database's settings, not JWT_SECRET and INTERNAL_SECRET,
 * which no command uses.
 */
export const commandConfigShape = {
  NODE_ENV: commonConfigShape.NODE_ENV,
  DATA_DIR: commonConfigShape.DATA_DIR,
  DYNAMODB_ENDPOINT: commonConfigShape.DYNAMODB_ENDPOINT,
  AWS_REGION: commonConfigShape.AWS_REGION,
  DYNAMODB_TABLE_PREFIX: commonConfigShape.DYNAMODB_TABLE_PREFIX,
};

export type CommandConfig = z.infer<z.ZodObject<typeof commandConfigShape>>;

/** Reads and validates a command's settings: commandConfigShape and, in `extra`, the command's own. */
export function loadCommandConfig<S extends z.ZodRawShape>(extra?: S, env: NodeJS.ProcessEnv = process.env): CommandConfig & z.infer<z.ZodObject<S>> {
  return loadConfig({ ...commandConfigShape, ...extra }, env) as CommandConfig & z.infer<z.ZodObject<S>>;
}

/** The file in which a running `npm start` leaves its embedded database's endpoint for commands. */
export function embeddedEndpointFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-dynamodb.url');
}

/**
 * Connects an operator command (create-admin, reconcile) to the platform's database: the configured endpoint; with
 * NODE_ENV=production and none, DynamoDB on AWS itself, as the services do; in development, the embedded one of a
 * running `npm start` (whose files are locked), else DATA_DIR's embedded database opened directly. `close()`
 * releases whatever was opened.
 */
export async function connectCommandDatabase(config: CommandConfig): Promise<{ db: Database; close: () => Promise<void>; where: string }> {
  const settings = { region: config.AWS_REGION, tablePrefix: config.DYNAMODB_TABLE_PREFIX };
  const connect = (endpoint: string | undefined, where: string, embedded?: EmbeddedDynamo) => {
    const db = createDatabase({ ...settings, endpoint });
    return { db, where, close: async () => (db.close(), await embedded?.close()) };
  };
  if (config.DYNAMODB_ENDPOINT) return connect(config.DYNAMODB_ENDPOINT, config.DYNAMODB_ENDPOINT);
  // In production the embedded database is never what an operator means: a command would change a throwaway copy.
  if (config.NODE_ENV === 'production') return connect(undefined, `DynamoDB on AWS (${config.AWS_REGION})`);
  const endpointFile = embeddedEndpointFile(config.DATA_DIR);
  if (fs.existsSync(endpointFile)) {
    const endpoint = fs.readFileSync(endpointFile, 'utf8').trim();
    const reachable = await fetch(endpoint, { method: 'POST' }).then(
      () => true,
      () => false,
    );
    if (reachable) return connect(endpoint, `the embedded database of the running npm start (${endpoint})`);
  }
  const dataDir = path.join(config.DATA_DIR, 'dynamodb');
  const embedded = await startEmbeddedDynamo({ dataDir });
  return connect(embedded.endpoint, `the embedded database in ${dataDir}`, embedded);
}
