import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { OperationLimitCode } from '@trading/platform';
import { GraphQLError, Kind, type GraphQLFormattedError, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/** Limits on one operation, checked by the router before planning; each refusal's code names the limit. */
export interface OperationLimits {
  /** Deepest field nesting; default 12 (the deepest screen of the web app needs 7). */
  maxDepth: number;
  /** Aliases in one operation; default 30. */
  maxAliases: number;
  /** Root fields in one operation, counted through fragments; default 20. */
  maxRootFields: number;
  /** Directives in one operation; default 50. */
  maxDirectives: number;
  /** Lexical tokens in the document (checked while parsing); default 5000. */
  maxTokens: number;
  /** Deepest nesting of lists and objects in one variable's value (checked before anything reads it); default 16. */
  maxVariableDepth: number;
  /** Estimated cost: each field 1 plus its children, times `first` (default 20) on paged lists, times 10 on other lists; default 5000. */
  maxCost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 50,
  maxTokens: 5000,
  maxVariableDepth: 16,
  maxCost: 5000,
};

/** Reports graphql-armor's refusal as our own validation error carrying the limit's code. */
function reportAs(code: OperationLimitCode) {
  return [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { operationLimit: code } })),
  ];
}

function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

/** Refuses operations with more than `max` root fields: each root field may fan out to every subgraph. */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = countRootFields(operation.selectionSet, context, new Set());
      if (count > max) {
        context.reportError(
          new GraphQLError(`Root fields limit of ${max} exceeded, found ${count}.`, {
            nodes: [operation],
            extensions: { operationLimit: OperationLimitCode.MAX_ROOT_FIELDS_EXCEEDED },
          }),
        );
      }
    },
  });
}

/** The validation rules enforcing the limits (all but tokens, which the parser checks, and cost: see costPlugin). */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, onReject: reportAs(OperationLimitCode.MAX_DEPTH_EXCEEDED) }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: reportAs(OperationLimitCode.MAX_ALIASES_EXCEEDED) }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: reportAs(OperationLimitCode.MAX_DIRECTIVES_EXCEEDED) }),
    maxRootFieldsRule(limits.maxRootFields),
  ] as ValidationRule[];
}

// graphql-js's own wording when `maxTokens` stops the parser.
const TOO_MANY_TOKENS = /Document contains more tha[nt] \d+ tokens/;

/**
 * Gives limit refusals their own code: Apollo Server codes every validation error GRAPHQL_VALIDATION_FAILED and
 * every parse error GRAPHQL_PARSE_FAILED, which would not say which limit was hit.
 */
export function withLimitCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { operationLimit, ...extensions } = formatted.extensions ?? {};
  if (typeof operationLimit === 'string') return { ...formatted, extensions: { ...extensions, code: operationLimit } };
  if (extensions.code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: OperationLimitCode.MAX_TOKENS_EXCEEDED } };
  }
  return formatted;
}
