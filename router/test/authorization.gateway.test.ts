import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, print, type GraphQLSchema } from 'graphql';
import { authorizeOperation, callerFor, type Caller } from '../src/authorization';
import { supergraphForGateway } from '../src/supergraph';
import { anonymous, expectData, forbidden, policy, schema, supergraphSdl, unauthenticated } from './fixtures/authorization/harness';
import { TEST_SUBGRAPHS } from './fixtures/authorization/supergraph';

// The filtered documents go through the real @apollo/gateway (query planning, entity fetches, result merging) to
// local subgraphs: the markers must survive planning and come back where graphql-js puts them.

const ran: string[] = [];
const guarded =
  <T>(coordinate: string, value: T) =>
  () => {
    ran.push(coordinate);
    return value;
  };

const users = new Map([
  ['u1', { id: 'u1', name: 'Alice' }],
  ['u2', { id: 'u2', name: 'Bob' }],
]);
const resolvers: Record<string, Record<string, unknown>> = {
  accounts: {
    Query: {
      publicInfo: () => 'hello',
      user: (_: unknown, { id }: { id: string }) => users.get(id) ?? null,
      users: () => [...users.values()],
      search: () => [
        { __typename: 'User', ...users.get('u1') },
        { __typename: 'Secret', x: 7 },
      ],
      lockers: () => [
        { number: 1, code: 'l1' },
        { number: 2, code: 'l2' },
      ],
    },
    Mutation: { rename: (_: unknown, { name }: { name: string }) => name, wipe: guarded('Mutation.wipe', true) },
    User: {
      __resolveReference: ({ id }: { id: string }) => users.get(id),
      email: guarded('User.email', 'someone@example.com'),
      friends: () => [],
    },
    Secret: { x: guarded('Secret.x', 7) },
    Locker: { code: guarded('Locker.code', 'l') },
  },
  catalog: {
    User: { balance: guarded('User.balance', 10) },
  },
};

const subgraphSchemas = new Map<string, GraphQLSchema>(
  TEST_SUBGRAPHS.map(({ name, typeDefs }) => [name, buildSubgraphSchema({ typeDefs, resolvers: resolvers[name] as never })]),
);
const gateway = new ApolloGateway({
  supergraphSdl: supergraphForGateway(supergraphSdl),
  buildService: ({ name }) => new LocalGraphQLDataSource(subgraphSchemas.get(name)!),
});
const apollo = new ApolloServer({ gateway });

beforeAll(() => apollo.start());
afterAll(() => apollo.stop());
beforeEach(() => {
  ran.length = 0;
});

/** Authorizes, runs the filtered document through the gateway and shapes the result. */
async function throughGateway(source: string, caller: Caller) {
  const result = authorizeOperation({ schema, policy, document: parse(source), caller });
  if (!result.changed || !result.document) throw new Error('expected a filtered document to run');
  const response = await apollo.executeOperation({ query: print(result.document) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  expect(response.body.singleResult.errors).toBeUndefined();
  const errors = result.errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions['code'] }));
  return { data: result.shape(response.body.singleResult.data), errors };
}

test('a denied field of an entity in another subgraph is not fetched, and keys keep their order', async () => {
  const outcome = await throughGateway('{ user(id: "u1") { balance name id } }', callerFor({ role: 'ADMIN' }));
  expectData(outcome.data, { user: { balance: null, name: 'Alice', id: 'u1' } });
  expect(outcome.errors).toEqual([forbidden('User.balance', 'requires the scope customer', ['user', 'balance'])]);
  expect(ran).toEqual([]);

  // The control: a customer may read it, and then the catalog subgraph is asked.
  const response = await apollo.executeOperation({ query: '{ user(id: "u1") { balance name id } }' });
  expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ user: { balance: 10, name: 'Alice', id: 'u1' } });
  expect(ran).toEqual(['User.balance']);
});

test('lists and type conditions come back shaped', async () => {
  const outcome = await throughGateway(
    '{ users { name email } search { __typename ... on User { name balance } ... on Secret { x } } lockers { number code } }',
    anonymous,
  );
  expectData(outcome.data, {
    users: [
      { name: 'Alice', email: null },
      { name: 'Bob', email: null },
    ],
    search: [
      { __typename: 'User', name: 'Alice', balance: null },
      { __typename: 'Secret', x: null },
    ],
    lockers: [null, null],
  });
  expect(outcome.errors.map((error) => error.path)).toEqual([
    ['users', 'email'],
    ['search', 'balance'],
    ['search', 'x'],
    ['lockers', 'code'],
  ]);
  expect(ran).toEqual([]);
});

test('a mutation runs without its denied root field', async () => {
  const outcome = await throughGateway('mutation { rename(name: "x") wipe }', callerFor({ role: 'CUSTOMER' }));
  expectData(outcome.data, { rename: 'x', wipe: null });
  expect(ran).toEqual([]);
});

test('an operation with only denied fields still runs and answers nulls', async () => {
  const outcome = await throughGateway('{ me { name } admin }', anonymous);
  expectData(outcome.data, { me: null, admin: null });
  expect(outcome.errors).toEqual([unauthenticated('Query.me', ['me']), unauthenticated('Query.admin', ['admin'])]);
});
