import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, type Database } from './dynamodb/database';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './dynamodb/embedded';
import type { CommonConfig } from './service';

// Imported as @trading/platform/command, not from the package index: services on a real DynamoDB should not load
// dynalite and LevelDB.

/** The file in which a running `npm start` leaves its embedded database's endpoint for commands. */
export function embeddedEndpointFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-dynamodb.url');
}

/**
 * Connects an operator command (create-admin, reconcile) to the platform's database: the configured endpoint, else
 * the embedded one of a running `npm start` (whose files are locked), else DATA_DIR's embedded database opened
 * directly. `close()` releases whatever was opened.
 */
export async function connectCommandDatabase(config: CommonConfig): Promise<{ db: Database; close: () => Promise<void> }> {
  const settings = { region: config.AWS_REGION, tablePrefix: config.DYNAMODB_TABLE_PREFIX };
  const connect = (endpoint: string, embedded?: EmbeddedDynamo) => {
    const db = createDatabase({ ...settings, endpoint });
    return { db, close: async () => (db.close(), await embedded?.close()) };
  };
  if (config.DYNAMODB_ENDPOINT) return connect(config.DYNAMODB_ENDPOINT);
  const endpointFile = embeddedEndpointFile(config.DATA_DIR);
  if (fs.existsSync(endpointFile)) {
    const endpoint = fs.readFileSync(endpointFile, 'utf8').trim();
    const reachable = await fetch(endpoint, { method: 'POST' }).then(
      () => true,
      () => false,
    );
    if (reachable) return connect(endpoint);
  }
  const embedded = await startEmbeddedDynamo({ dataDir: path.join(config.DATA_DIR, 'dynamodb') });
  return connect(embedded.endpoint, embedded);
}
