import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { callerFor, readAuthorizationPolicy, scopesOf } from '../src/authorization';
import { supergraphForGateway } from '../src/supergraph';
import { apiSchemaOf } from './fixtures/authorization/supergraph';
import { supergraphSdl } from './fixtures/authorization/harness';

// A hand-written supergraph needs only what the policy reads: the links and the directives.
const handWritten = (links: string, types: string) => `schema ${links} { query: Query }\n${types}`;
const AUTHENTICATED_LINK = '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)';

describe('readAuthorizationPolicy', () => {
  const policy = readAuthorizationPolicy(supergraphSdl);

  test('a field’s requirement is its own, its return type’s and its parent type’s', () => {
    expect(policy.requirementFor('Query', 'me')).toEqual({ authenticated: true, scopes: null });
    expect(policy.requirementFor('Query', 'secret')).toEqual({ authenticated: true, scopes: null });
    expect(policy.requirementFor('Secret', 'x')).toEqual({ authenticated: true, scopes: null });
    expect(policy.requirementFor('Query', 'admin')).toEqual({ authenticated: false, scopes: [['admin']] });
    expect(policy.requirementFor('Query', 'report')).toEqual({ authenticated: false, scopes: [['admin', 'customer'], ['auditor']] });
    expect(policy.requirementFor('Report', 'title')).toEqual({ authenticated: false, scopes: [['customer'], ['auditor']] });
  });

  test('public fields and introspection have no requirement', () => {
    expect(policy.isEmpty).toBe(false);
    expect(policy.requirementFor('Query', 'publicInfo')).toBeNull();
    expect(policy.requirementFor('User', 'name')).toBeNull();
    expect(policy.requirementFor('Query', '__typename')).toBeNull();
    expect(policy.requirementFor('NoSuchType', 'field')).toBeNull();
  });

  test('repeated directives all apply; a lone scope stands for a list of one', () => {
    const sdl = handWritten('', 'type Query { f: String @requiresScopes(scopes: [["a"], ["b"]]) @requiresScopes(scopes: "c") }');
    expect(readAuthorizationPolicy(sdl).requirementFor('Query', 'f')).toEqual({
      authenticated: false,
      scopes: [
        ['a', 'c'],
        ['b', 'c'],
      ],
    });
  });

  test('names come from the @link: `as:` renames the directive, and an unlinked namesake is not authorization', () => {
    const sdl = handWritten(
      '@link(url: "https://specs.apollo.dev/authenticated/v0.1", as: "signedIn", for: SECURITY)',
      'type Query { a: String @signedIn  b: String @authenticated }',
    );
    const renamed = readAuthorizationPolicy(sdl);
    expect(renamed.requirementFor('Query', 'a')).toEqual({ authenticated: true, scopes: null });
    expect(renamed.requirementFor('Query', 'b')).toBeNull();
  });

  test('names come from the @link: an import with `as:`, as composition writes it', () => {
    const subgraph = (name: string, sdl: string) => ({ name, url: `http://${name}`, typeDefs: parse(sdl) });
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", { name: "@requiresScopes", as: "@scopes" }])';
    const composed = composeServices([
      subgraph('a', `${link}\ntype Query { a: String @scopes(scopes: [["x"]]) }`),
      subgraph('b', `${link}\ntype Query { b: String }`),
    ]);
    expect(composed.errors).toBeUndefined();
    expect(composed.supergraphSdl).toMatch(/a: String @join__field\(graph: A\) @scopes/);
    const renamed = readAuthorizationPolicy(composed.supergraphSdl!);
    expect(renamed.requirementFor('Query', 'a')).toEqual({ authenticated: false, scopes: [['x']] });
  });

  test('an object’s rules also guard the interface it implements', () => {
    const sdl = handWritten(
      AUTHENTICATED_LINK,
      `type Query { thing: Thing }
       interface Thing { id: ID! name: String }
       type Private implements Thing @authenticated { id: ID! name: String }
       type Open implements Thing { id: ID! name: String @requiresScopes(scopes: [["x"]]) }`,
    );
    const propagated = readAuthorizationPolicy(sdl);
    expect(propagated.requirementFor('Query', 'thing')).toEqual({ authenticated: true, scopes: null });
    expect(propagated.requirementFor('Thing', 'name')).toEqual({ authenticated: true, scopes: [['x']] });
    expect(propagated.requirementFor('Open', 'id')).toBeNull();
  });

  test('@policy is refused: the router cannot evaluate it', () => {
    const sdl = handWritten('', 'type Query { f: String @policy(policies: [["p"]]) }');
    expect(() => readAuthorizationPolicy(sdl)).toThrow(/applies @policy to Query.f: the router cannot evaluate policies/);
  });

  test('a supergraph without directives has an empty policy', () => {
    expect(readAuthorizationPolicy(handWritten('', 'type Query { f: String }')).isEmpty).toBe(true);
  });
});

describe('the supergraph the gateway loads', () => {
  test('@apollo/gateway refuses SECURITY links it does not know; the router’s copy for it builds the same API', () => {
    expect(() => Supergraph.build(supergraphSdl)).toThrow(/authenticated\/v0.1 is for: SECURITY but is unsupported/);
    const schema = apiSchemaOf(supergraphSdl);
    expect(Object.keys(schema.getQueryType()!.getFields())).toContain('me');
    expect(schema.getDirective('authenticated')).toBeUndefined();
  });

  test('a SECURITY feature the router does not enforce still stops the gateway', () => {
    const join = '@link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)';
    expect(supergraphSdl).toContain(join);
    const sdl = supergraphSdl.replace(join, `${join} @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)`);
    expect(() => Supergraph.build(supergraphForGateway(sdl))).toThrow(/policy\/v0.1 is for: SECURITY but is unsupported/);
  });
});

describe('the committed supergraph', () => {
  const committed = fs.readFileSync(path.join(__dirname, '../../schema/supergraph.graphql'), 'utf8');

  test('its policy reads, and the asset catalog is public', () => {
    const policy = readAuthorizationPolicy(committed);
    expect(policy.requirementFor('Query', 'assets')).toBeNull();
  });

  test('@apollo/gateway accepts it once the router has taken over its SECURITY features', () => {
    expect(apiSchemaOf(committed).getQueryType()?.getFields()['assets']).toBeDefined();
  });
});

describe('scopes of a caller', () => {
  test('a session holds its role and every grant; an admin never customer; anonymous nothing', () => {
    expect([...scopesOf({ role: 'CUSTOMER' })].sort()).toEqual(['customer', 'read', 'session', 'trade', 'transfer']);
    expect([...scopesOf({ role: 'ADMIN' })].sort()).toEqual(['admin', 'read', 'session', 'trade', 'transfer']);
    expect([...scopesOf(null)]).toEqual([]);
    expect(callerFor(null)).toEqual({ authenticated: false, scopes: new Set() });
    expect(callerFor({ role: 'ADMIN' }).scopes.has('customer')).toBe(false);
  });

  test('an API key holds its role and its own grants only, never session', () => {
    const key = (scopes: ('read' | 'trade' | 'transfer' | 'session')[]) => ({ role: 'CUSTOMER' as const, apiKey: { id: 'k', scopes } });
    expect([...scopesOf(key(['read']))].sort()).toEqual(['customer', 'read']);
    expect([...scopesOf(key(['read', 'trade']))].sort()).toEqual(['customer', 'read', 'trade']);
    expect([...scopesOf(key(['trade', 'session']))].sort()).toEqual(['customer', 'trade']);
  });
});
