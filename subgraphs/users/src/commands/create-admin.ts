import { parseArgs } from 'node:util';
import { AuditLog, commonConfigShape, createLogger } from '@trading/platform';
import { connectCommandDatabase, loadCommandConfig } from '@trading/platform/command';
import { GraphQLError } from 'graphql';
import { usersConfigShape } from '../config';
import { UserStore } from '../data/users';
import { createAccount } from '../domain/auth';

const USAGE = `Creates an ADMIN account (admins are never created through register).

  npm run create-admin -- --username NAME --email ADDRESS [--first-name NAME] [--last-name NAME]

The password is read from ADMIN_PASSWORD, or from standard input (one line). The database is the one the
configuration names (DYNAMODB_ENDPOINT), else the embedded one of a running \`npm start\` in DATA_DIR, else DATA_DIR's
embedded database opened directly.`;

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (input is shown; prefer ADMIN_PASSWORD or a pipe): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.username || !values.email) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  // The database's settings and the two this command uses: no secrets, which it never needs.
  const config = loadCommandConfig({ BCRYPT_COST: usersConfigShape.BCRYPT_COST, AUDIT_RETENTION_DAYS: commonConfigShape.AUDIT_RETENTION_DAYS });
  const password = await readPassword();
  const { db, close, where } = await connectCommandDatabase(config);
  console.error(`database: ${where}`);
  try {
    await db.ensureTables(['users', 'userLogins', 'ledger', 'auditEvents']);
    const user = await createAccount(
      { users: new UserStore(db), bcryptCost: config.BCRYPT_COST },
      {
        username: values.username,
        email: values.email,
        password,
        firstName: values['first-name'] ?? 'Platform',
        lastName: values['last-name'] ?? 'Admin',
      },
      'ADMIN',
    );
    await new AuditLog(db, { retentionDays: config.AUDIT_RETENTION_DAYS, log: createLogger('create-admin', 'warn') }).record({
      action: 'ADMIN_CREATED',
      outcome: 'SUCCESS',
      actorRole: 'OPERATOR',
      subjectId: user.id,
      reason: 'create-admin command',
      details: { username: user.username },
    });
    console.log(`Created the admin ${user.username} (id ${user.id}). Sign in with login to get an admin token.`);
    return 0;
  } catch (error) {
    if (error instanceof GraphQLError) {
      console.error(`Not created: ${error.message} (${String(error.extensions.code)})`);
      return 1;
    }
    throw error;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`create-admin failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
