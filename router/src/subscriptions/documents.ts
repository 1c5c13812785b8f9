import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

/** Operation texts whose parsed documents are kept; default 500. */
const DEFAULT_MAX_ENTRIES = 500;

/**
 * Parsed and validated documents of the operations sent over sockets, by their text. Thousands of clients send the
 * same subscription, and graphql-ws holds each subscription's document for as long as it runs: sharing one parsed
 * document (its AST, tokens and locations, about 12 KB) instead of one per subscription is most of a subscribed
 * socket's memory. Documents are never changed once parsed (graphql-js treats them as immutable), so sharing is safe.
 * Parse errors are not kept; validation depends on the document alone (the schema and rules are fixed), so its
 * errors are kept with it.
 */
export class OperationDocuments {
  private readonly documents = new Map<string, DocumentNode>();
  private readonly validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly maxTokens: number,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** The document of `query`; throws graphql-js's GraphQLError when it does not parse (or has too many tokens). */
  parse(query: string): DocumentNode {
    const known = this.documents.get(query);
    if (known) {
      // Least recently used first: a text in use moves to the end.
      this.documents.delete(query);
      this.documents.set(query, known);
      return known;
    }
    const document = parse(query, { maxTokens: this.maxTokens });
    if (this.documents.size >= this.maxEntries) this.documents.delete(this.documents.keys().next().value as string);
    this.documents.set(query, document);
    return document;
  }

  /** The validation errors of a document (none when it is valid). */
  validate(document: DocumentNode): readonly GraphQLError[] {
    let errors = this.validated.get(document);
    if (!errors) this.validated.set(document, (errors = validate(this.schema, document, this.rules)));
    return errors;
  }
}
