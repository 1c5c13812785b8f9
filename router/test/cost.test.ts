import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { operationCost } from '../src/admission/cost';
import { supergraphForGateway } from '../src/supergraph';

// The cost the router estimates for an operation, on the platform's own API schema (the committed supergraph).

const sdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const schema = Supergraph.build(supergraphForGateway(sdl)).apiSchema().toGraphQLJSSchema();
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), variables);

const nestedOrders = (args: string) => `{ me { orders(${args}) { edges { node { user { orders(${args}) { edges { node { id } } } } } } } } }`;

test('a paged list costs its last as it costs its first: a nested last: 100 is as dear as a nested first: 100', () => {
  expect(cost(nestedOrders('last: 100'))).toBe(cost(nestedOrders('first: 100')));
  expect(cost(nestedOrders('last: 100'))).toBeGreaterThan(5000);
  expect(cost(nestedOrders('last: 5, before: "x"'))).toBe(cost(nestedOrders('first: 5, after: "x"')));
  expect(cost('{ assets(last: 100) { edges { node { symbol } } } }')).toBe(cost('{ assets(first: 100) { edges { node { symbol } } } }'));
  expect(cost('{ assets(last: 100) { edges { node { symbol } } } }')).toBe(10 * cost('{ assets(last: 10) { edges { node { symbol } } } }'));
});

test('through variables too, and beyond the largest page a list serves it costs that page', () => {
  const query = 'query($n: Int) { me { transactions(last: $n) { edges { node { id } } } } }';
  expect(cost(query, { n: 100 })).toBe(cost('{ me { transactions(first: 100) { edges { node { id } } } } }'));
  expect(cost(query, { n: 100_000 })).toBe(cost(query, { n: 100 }));
});

test('neither first nor last is the default page of 20, and both together cost the larger', () => {
  const securityEvents = (args: string) => cost(`{ me { securityEvents${args} { edges { node { id } } } } }`);
  expect(securityEvents('')).toBe(securityEvents('(first: 20)'));
  expect(securityEvents('(before: "x")')).toBe(securityEvents('(last: 20)'));
  expect(securityEvents('(first: 3, last: 60)')).toBe(securityEvents('(last: 60)'));
});

test('a candle series (last without first) still costs one unit per ten candles', () => {
  const candles = (last: number) => cost(`{ asset(symbol: "BTC") { candles(interval: ONE_HOUR, last: ${last}) { close } } }`);
  // 1,000 candles are 100 units instead of 1, each unit the candle and its close.
  expect(candles(1000) - candles(10)).toBe(99 * 2);
});
