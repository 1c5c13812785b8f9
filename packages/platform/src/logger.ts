import pino, { type Logger } from 'pino';

export type { Logger };

/** The one logger: JSON lines on stdout; secrets are redacted wherever they appear in a logged object. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'passwordHash',
        '*.passwordHash',
      ],
      censor: '[redacted]',
    },
  });
}
