import { ErrorCode, userError } from '@trading/platform';
import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** A refusal of the request as sent: HTTP 400. */
const http = { status: 400 };

/**
 * Checks an operation's variables against their declared types before anything reads them: the gateway hands them to
 * subgraphs as they came (serialized with `JSON.stringify`, which overflows the stack on a value nested thousands of
 * levels deep), and the supergraph's custom scalars (`Decimal`, `DateTime`) accept any JSON value there. Refuses, as
 * BAD_USER_INPUT naming the variable (`extensions.variable`):
 * - a value nested deeper than `maxDepth` lists and objects (legitimate values are as deep as their type, a few levels);
 * - a custom scalar given anything but a string or a finite number (an object, a list, a boolean);
 * - an input object given a non-object, or a list in place of a scalar.
 * The rest (unknown fields, missing required ones, enum names, built-in scalars) is graphql-js's variable coercion,
 * which the gateway runs next. Returns the refusal (HTTP 400 over HTTP), or null.
 */
export function variablesRefusal(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  maxDepth: number,
): GraphQLError | null {
  if (variables === null || variables === undefined) return null;
  if (typeof variables !== 'object' || Array.isArray(variables))
    return userError(ErrorCode.BAD_REQUEST, '`variables` must be a JSON object', { http });
  const deepest = Object.entries(variables).find(([, value]) => depthExceeds(value, maxDepth));
  if (deepest) {
    return userError(ErrorCode.BAD_USER_INPUT, `Variable "$${deepest[0]}" is nested deeper than ${maxDepth} levels`, { variable: deepest[0], http });
  }
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type || !(name in variables)) continue;
    const problem = shapeProblem(variables[name], type);
    if (problem) return userError(ErrorCode.BAD_USER_INPUT, `Variable "$${name}" got an invalid value: ${problem}`, { variable: name, http });
  }
  return null;
}

/** Whether a JSON value nests more than `max` lists and objects; iterative, so no value can overflow the stack. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** What is wrong with the shape of `value` for `type` (see variablesRefusal), or null. Depth is bounded already. */
function shapeProblem(value: unknown, type: GraphQLInputType, at = ''): string | null {
  if (value === null || value === undefined) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    // A single value stands for a list of one (GraphQL's input coercion).
    const items = Array.isArray(value) ? value : [value];
    for (let index = 0; index < items.length; index++) {
      const problem = shapeProblem(items[index], inner.ofType, `${at}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object' || Array.isArray(value)) return `${at || 'the value'} must be an object of type ${inner.name}`;
    const fields = inner.getFields();
    for (const [key, field] of Object.entries(value)) {
      const definition = fields[key];
      if (!definition) continue;
      const problem = shapeProblem(field, definition.type, `${at ? `${at}.` : ''}${key}`);
      if (problem) return problem;
    }
    return null;
  }
  if (isScalarType(inner) && !isSpecifiedScalarType(inner)) {
    const fits = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    return fits ? null : `${at || 'the value'} must be a string or a number (${inner.name})`;
  }
  // Built-in scalars and enums: graphql-js refuses lists and objects for them with its own message.
  return null;
}
