import fs from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  parse,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { composeSupergraph, readSubgraphList, ROOT, SUPERGRAPH_FILE } from '../src/compose';

test('the three subgraphs compose without errors and the committed supergraph is current', () => {
  const result = composeSupergraph();
  if (!result.ok) throw new Error(result.errors.join('\n'));
  expect(result.hints).toEqual([]);
  expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(result.supergraphSdl);
  expect(readSubgraphList().map((s) => s.name)).toEqual(['users', 'inventory', 'orders']);
});

test('composition errors are reported, not written', () => {
  const broken = path.join(ROOT, 'schema', 'test', 'broken.graphql.tmp');
  // Two subgraphs both defining Query.me with different types cannot compose.
  fs.writeFileSync(broken, 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { me: Int }\n');
  try {
    const result = composeSupergraph([
      ...readSubgraphList(),
      { name: 'broken', url: 'http://localhost:1/graphql', schema: path.relative(ROOT, broken) },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/Query\.me/);
  } finally {
    fs.rmSync(broken);
  }
});

// Federation adds its own types (_Service, _Any, link__Import, ...): only the subgraph's own SDL is checked.
const isFederationType = (type: GraphQLNamedType) => /^(_|link__|federation__)/.test(type.name);

function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const need = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || isFederationType(type)) continue;
    const root = ['Query', 'Mutation', 'Subscription'].includes(type.name);
    if (!root) need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
    if (isEnumType(type)) for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
  }
  return missing;
}

test.each(readSubgraphList().map((s) => [s.name, s.schema]))('every type, field, argument and enum value of %s is described', (_name, file) => {
  const schema = buildSubgraphSchema(parse(fs.readFileSync(path.join(ROOT, file), 'utf8')));
  expect(undescribed(schema)).toEqual([]);
});
