import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** A refusal as a person should read it, and the form field it concerns when the server named one. */
export interface ErrorSummary {
  code: string | null;
  message: string;
  field: string | null;
}

const MESSAGES: Record<string, string> = {
  RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Try again in a moment.',
  FORBIDDEN: 'Your account may not do this.',
};

/** Turns what Apollo Client reports (GraphQL errors with `extensions.code`, HTTP or network failures) into a summary. */
export function describeError(error: unknown): ErrorSummary {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
    const field = typeof first?.extensions?.field === 'string' ? first.extensions.field : null;
    const message = (code && MESSAGES[code]) ?? first?.message ?? 'The request was refused.';
    return { code, message, field };
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 429) return { code: 'RATE_LIMITED', message: MESSAGES.RATE_LIMITED ?? '', field: null };
    return { code: null, message: `The server answered ${error.statusCode}. Try again in a moment.`, field: null };
  }
  return { code: null, message: 'Cannot reach the server. Check your connection and try again.', field: null };
}

/** Whether an error means the access token was refused (expired, invalid or its session ended). */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}
