import { buildSchema, GraphQLError, specifiedRules } from 'graphql';
import { OperationDocuments } from '../src/subscriptions/documents';

// The documents of socket operations, shared by every subscription that sends the same text.

const schema = buildSchema('type Query { price(symbol: String!): String } type Subscription { priceChanged(symbols: [String!]): String }');
const TICKS = 'subscription Ticks($s: [String!]) { priceChanged(symbols: $s) }';

test('the same text gives the same document, validated once', () => {
  const documents = new OperationDocuments(schema, specifiedRules, 1000);
  const first = documents.parse(TICKS);
  expect(documents.parse(TICKS)).toBe(first);
  expect(documents.validate(first)).toEqual([]);
  const invalid = documents.parse('subscription { nothingHere }');
  const errors = documents.validate(invalid);
  expect(errors.map((error) => error.message)).toEqual(['Cannot query field "nothingHere" on type "Subscription".']);
  expect(documents.validate(invalid)).toBe(errors);
});

test('a text that does not parse, or has too many tokens, throws a GraphQLError each time', () => {
  const documents = new OperationDocuments(schema, specifiedRules, 10);
  expect(() => documents.parse('subscription {')).toThrow(GraphQLError);
  expect(() => documents.parse(TICKS)).toThrow(/more that 10 tokens/);
  expect(() => documents.parse(TICKS)).toThrow(/more that 10 tokens/);
});

test('at most maxEntries texts are kept, the least recently used leaving first', () => {
  const documents = new OperationDocuments(schema, specifiedRules, 1000, 2);
  const a = documents.parse('{ a: price(symbol: "A") }');
  const b = documents.parse('{ b: price(symbol: "B") }');
  expect(documents.parse('{ a: price(symbol: "A") }')).toBe(a);
  documents.parse('{ c: price(symbol: "C") }');
  expect(documents.parse('{ a: price(symbol: "A") }')).toBe(a);
  expect(documents.parse('{ b: price(symbol: "B") }')).not.toBe(b);
});
