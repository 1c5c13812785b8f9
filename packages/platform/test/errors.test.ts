import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, ErrorCode, userError } from '../src/errors';
import { ServiceMetrics } from '../src/metrics';

const masked = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
const where = { path: ['placeOrder', 'order'], locations: [{ line: 2, column: 3 }] };

function formatterWithLog() {
  const logged: unknown[] = [];
  return { format: createErrorFormatter({ log: (error) => logged.push(error) }), logged };
}

describe('userError', () => {
  it('builds a GraphQLError with the code and details in extensions', () => {
    const error = userError(ErrorCode.BAD_USER_INPUT, 'quantity must be positive', { field: 'quantity' });
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('quantity must be positive');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'quantity' });
  });

  it('never lets a detail override the code', () => {
    expect(userError(ErrorCode.NOT_FOUND, 'gone', { code: 'SOMETHING_ELSE' }).extensions.code).toBe('NOT_FOUND');
  });
});

describe('createErrorFormatter', () => {
  // INTERNAL_SERVER_ERROR is left out on purpose: Apollo gives that code to every unexpected resolver error, so it must
  // not count as a refusal to pass through (see the report on errors.ts).
  it.each(Object.values(ErrorCode).filter((code) => code !== 'INTERNAL_SERVER_ERROR'))(
    'passes a %s refusal through, without its stack trace',
    (code) => {
      const { format, logged } = formatterWithLog();
      const formatted: GraphQLFormattedError = {
        message: 'You may not do that',
        ...where,
        extensions: { code, field: 'amount', stacktrace: ['GraphQLError: You may not do that', '    at /srv/app/src/secret.ts:1:1'] },
      };
      expect(format(formatted, new GraphQLError('You may not do that'))).toEqual({
        message: 'You may not do that',
        ...where,
        extensions: { code, field: 'amount' },
      });
      expect(logged).toEqual([]);
    },
  );

  it.each(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND'])(
    "passes Apollo's own %s through so clients see what was wrong with the request",
    (code) => {
      const { format, logged } = formatterWithLog();
      const formatted = { message: 'Cannot query field "nope" on type "Query".', extensions: { code, stacktrace: ['x'] } };
      expect(format(formatted, new GraphQLError(formatted.message))).toEqual({ message: formatted.message, extensions: { code } });
      expect(logged).toEqual([]);
    },
  );

  it.each([
    ['no extensions', undefined],
    ['extensions without a code', { stacktrace: ['at db.ts:1'] }],
    ['an unknown code', { code: 'ConditionalCheckFailedException', tableName: 'trading-users', stacktrace: ['at db.ts:1'] }],
    ['a non-string code', { code: 42 }],
  ])('masks an error with %s, keeping path and locations, and logs the original', (_what, extensions) => {
    const { format, logged } = formatterWithLog();
    const original = new Error('The conditional request failed on table trading-users');
    const formatted: GraphQLFormattedError = { message: original.message, ...where, ...(extensions ? { extensions } : {}) };
    expect(format(formatted, original)).toEqual({ ...masked, ...where });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toBe(original);
  });

  it('masks without inventing path or locations the error did not have', () => {
    const { format } = formatterWithLog();
    const result = format({ message: 'boom' }, new Error('boom'));
    expect(result).toEqual(masked);
    expect(result).not.toHaveProperty('path');
    expect(result).not.toHaveProperty('locations');
  });

  describe('as the formatError of a real Apollo Server', () => {
    const logged: unknown[] = [];
    const metrics = new ServiceMetrics('test');
    const apollo = new ApolloServer({
      typeDefs: 'type Query { refused: String fine: String broken: String overflowing: String }',
      resolvers: {
        Query: {
          refused: () => {
            throw userError(ErrorCode.FORBIDDEN, 'You may not read the ledger of another user');
          },
          fine: () => 'ok',
          broken: () => {
            throw new Error('connect ECONNREFUSED 10.0.0.7:8000 (table trading-users)');
          },
          overflowing: () => {
            throw new RangeError('Maximum call stack size exceeded');
          },
        },
      },
      formatError: createErrorFormatter({ log: (error) => logged.push(error), onUnexpected: (error) => metrics.countUnexpected(error) }),
      includeStacktraceInErrorResponses: true,
      persistedQueries: {},
    });
    beforeAll(() => apollo.start());
    afterAll(() => apollo.stop());

    async function run(query: string) {
      const response = await apollo.executeOperation({ query });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    }

    it('shows a refusal with its code and message but no stack trace', async () => {
      logged.length = 0;
      const result = await run('{ refused }');
      expect(result.errors).toEqual([
        {
          message: 'You may not read the ledger of another user',
          path: ['refused'],
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'FORBIDDEN' },
        },
      ]);
      expect(logged).toEqual([]);
    });

    it('masks an unexpected resolver error (which Apollo codes INTERNAL_SERVER_ERROR) and logs the original', async () => {
      logged.length = 0;
      const result = await run('{ fine broken }');
      expect(result.data).toEqual({ fine: 'ok', broken: null });
      expect(result.errors).toEqual([{ ...masked, path: ['broken'], locations: [{ line: 1, column: 8 }] }]);
      expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|trading-users/);
      expect(logged).toHaveLength(1);
      expect(String(logged[0])).toContain('ECONNREFUSED');
    });

    /** The value of unexpected_errors_total for a cause, as Prometheus would scrape it. */
    async function unexpected(cause: string): Promise<number> {
      const text = await metrics.registry.metrics();
      const line = text.split('\n').find((row) => row.startsWith(`unexpected_errors_total{service="test",error="${cause}"}`));
      return line ? Number(line.split(' ').at(-1)) : 0;
    }

    it('counts every unexpected error by its cause, and no refusal', async () => {
      const [errors, overflows] = [await unexpected('Error'), await unexpected('RangeError')];
      await run('{ broken overflowing refused }');
      await run('{ overflowing }');
      expect(await unexpected('Error')).toBe(errors + 1);
      expect(await unexpected('RangeError')).toBe(overflows + 2);
      expect(await metrics.registry.metrics()).not.toMatch(/unexpected_errors_total\{[^}]*error="GraphQLError"/);
    });

    it.each([
      ['a persisted query whose hash is not its query', { query: '{ fine }', hash: 'f'.repeat(64), version: 1 }, 'PERSISTED_QUERY_HASH_MISMATCH'],
      ['an unsupported persisted query version', { query: '{ fine }', hash: 'f'.repeat(64), version: 3 }, 'BAD_REQUEST'],
    ])("gives Apollo's code-less refusal of %s a code of the catalog, and does not count it", async (_what, apq, code) => {
      logged.length = 0;
      const before = await unexpected('GraphQLError');
      const response = await apollo.executeOperation({
        query: apq.query,
        extensions: { persistedQuery: { version: apq.version, sha256Hash: apq.hash } },
      });
      expect(response.http.status).toBe(400);
      expect(response.body.kind === 'single' && response.body.singleResult.errors?.map((error) => error.extensions?.code)).toEqual([code]);
      expect(logged).toEqual([]);
      expect(await unexpected('GraphQLError')).toBe(before);
    });

    it('passes validation errors through', async () => {
      const result = await run('{ nope }');
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.[0]?.message).toContain('nope');
      expect(result.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
    });
  });
});
