import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectCommandDatabase } from '../src/command';
import { loadConfig, commonConfigShape } from '../src/config';

// Which database an operator command (create-admin, reconcile) changes: never a throwaway copy by mistake.

test('in production without an endpoint a command uses DynamoDB on AWS, and opens no embedded database', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'command-'));
  try {
    const config = loadConfig(commonConfigShape, {
      NODE_ENV: 'production',
      AWS_REGION: 'eu-west-1',
      DATA_DIR: dataDir,
      JWT_SECRET: 'q8Zt3vLw0pXe7RkN2mYc5HbJ9sFd4GuA',
      INTERNAL_SECRET: 'Vn6Qe1Wr8Ty3Ui0Op5As2Df7Gh4Jk9Lz',
    });
    const connected = await connectCommandDatabase(config);
    expect(connected.where).toBe('DynamoDB on AWS (eu-west-1)');
    await connected.close();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('in development without an endpoint a command opens the embedded database in DATA_DIR, and says so', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'command-'));
  try {
    const connected = await connectCommandDatabase(loadConfig(commonConfigShape, { DATA_DIR: dataDir }));
    expect(connected.where).toBe(`the embedded database in ${path.join(dataDir, 'dynamodb')}`);
    await connected.db.ensureTables(['users']);
    await connected.close();
    expect(fs.readdirSync(dataDir)).toEqual(['dynamodb']);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
