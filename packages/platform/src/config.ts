import path from 'node:path';
import { z } from 'zod';

/** Where the embedded database and generated secrets live when DATA_DIR is not set: `.data` at the repo root. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../../.data');

const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number 0-65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'must be a port number 0-65535'))
    .default(fallback);
const optionalString = z.string().trim().min(1).optional();

/** Settings every backend service reads; each service adds its own with `serviceConfig`. */
export const commonConfigShape = {
  /** `production` turns introspection and Sandbox off and requires JWT_SECRET and INTERNAL_SECRET. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** JSON logs on stdout from this level up. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder for the embedded database and the generated JWT secret. */
  DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /** DynamoDB endpoint; unset means AWS itself (or, for `npm start`, the embedded endpoint). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** AWS region of the DynamoDB tables. */
  AWS_REGION: z.string().default('us-east-1'),
  /** Prefix of every table name, so several environments can share one AWS account. */
  DYNAMODB_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,200}$/, 'letters, digits, _ . - only')
    .default('trading-'),
  /** Redis for events and locks across processes; unset means in-process. */
  REDIS_URL: optionalString,
  /** Namespace of every Redis key and channel, so environments can share one Redis; default `trading:`. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only')
    .default('trading:'),
  /** HS256 secret, at least 32 characters; required in production, generated into DATA_DIR otherwise. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** HS256 key of the identities the router signs for the subgraphs, 32+ characters; generated into DATA_DIR unless set. */
  INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `iss` of the access tokens, checked on every request. */
  JWT_ISSUER: z.string().default('trading-platform'),
  /** `aud` of the access tokens, checked on every request. */
  JWT_AUDIENCE: z.string().default('trading-api'),
  /** Access token lifetime in seconds; default 900 (15 minutes: refresh tokens keep sessions going). */
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(24 * 3600)
    .default(900),
  /** Days the security audit trail keeps each entry; default 365. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
};

/** A yes/no setting: true/false, 1/0, yes/no, on/off. */
const booleanSetting = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => /^(true|false|1|0|yes|no|on|off)$/.test(value), 'must be true or false')
  .transform((value) => /^(true|1|yes|on)$/.test(value));

export { port as portSetting, booleanSetting, z };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment against a shape; every bad or missing value is reported at once, by variable name. */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  // Empty strings count as unset, as in most deploy tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = z.object(shape).safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const got = typeof cleaned[key] === 'string' ? ` (got ${JSON.stringify(redact(key, cleaned[key]))})` : '';
        return `${key}: ${issue.message}${got}`;
      }),
    );
  }
  const config = result.data as Record<string, unknown>;
  if (config.NODE_ENV === 'production') {
    // Generated secrets live in a local folder: right for one machine, wrong for a fleet.
    const problems = ['JWT_SECRET', 'INTERNAL_SECRET']
      .filter((key) => key in shape)
      .flatMap((key) => {
        const value = config[key];
        if (!value) return [`${key}: required when NODE_ENV=production (a random value of 32+ characters)`];
        // A placeholder such as "changeme-changeme-..." passes a length check; a random value has many distinct characters.
        if (new Set(String(value)).size < 12) return [`${key}: looks like a placeholder, not a random value (too few distinct characters)`];
        return [];
      });
    if (problems.length) throw new ConfigError(problems);
  }
  return result.data;
}

function redact(key: string, value: string): string {
  return /SECRET|PASSWORD|TOKEN|KEY/i.test(key) ? '<redacted>' : value;
}
