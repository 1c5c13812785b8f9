import fs from 'node:fs';
import path from 'node:path';
import { createLogger, DEFAULT_DATA_DIR, loadConfig, portSetting, z } from '@trading/platform';
import { embeddedEndpointFile } from '@trading/platform/command';
import { startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';

// `npm run db`: the embedded DynamoDB endpoint (dynalite with transactions) as a process of its own, for running the
// services as separate processes without AWS or DynamoDB Local. Point them at it with DYNAMODB_ENDPOINT.
(async () => {
  const config = loadConfig(
    {
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      /** Folder of the database files (under `dynamodb/`, shared with `npm start`); `memory` keeps them in memory. */
      DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
      /** Port; default 8000, DynamoDB Local's. */
      DYNAMODB_PORT: portSetting(8000),
      /** Interface to bind; default 127.0.0.1 (the endpoint has no authentication). */
      DYNAMODB_HOST: z.string().default('127.0.0.1'),
    },
    process.env,
  );
  const log = createLogger('dynamodb', config.LOG_LEVEL);
  const inMemory = config.DATA_DIR === 'memory';
  // A new folder is made (with its parents), as `npm start` does.
  if (!inMemory) fs.mkdirSync(config.DATA_DIR, { recursive: true });
  const embedded = await startEmbeddedDynamo({
    port: config.DYNAMODB_PORT,
    host: config.DYNAMODB_HOST,
    ...(inMemory ? {} : { dataDir: path.join(config.DATA_DIR, 'dynamodb') }),
  });
  // Operator commands (create-admin, reconcile) find the running endpoint through this file.
  const endpointFile = inMemory ? undefined : embeddedEndpointFile(config.DATA_DIR);
  if (endpointFile) fs.writeFileSync(endpointFile, embedded.endpoint);
  log.info({ url: embedded.endpoint, data: inMemory ? 'memory' : config.DATA_DIR }, 'embedded DynamoDB ready');
  const stop = (signal: string) => {
    log.info({ signal }, 'embedded DynamoDB shutting down');
    if (endpointFile) fs.rmSync(endpointFile, { force: true });
    embedded.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
})().catch((error: unknown) => {
  console.error(`The embedded DynamoDB failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
