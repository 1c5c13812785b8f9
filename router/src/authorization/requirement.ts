/**
 * What a caller must have to read one field. `scopes` is Apollo's `@requiresScopes` form: the outer list is OR, each
 * inner list is AND; null means no scope is required.
 */
export interface Requirement {
  readonly authenticated: boolean;
  readonly scopes: ReadonlyArray<ReadonlyArray<string>> | null;
}

/** Who is asking, as far as authorization is concerned. */
export interface Caller {
  /** True for any verified identity. */
  readonly authenticated: boolean;
  readonly scopes: ReadonlySet<string>;
}

/** Both requirements at once: authentication if either needs it, and the scopes of both (AND of the two OR-lists). */
export function combineRequirements(a: Requirement | null, b: Requirement | null): Requirement | null {
  if (a === null) return b;
  if (b === null) return a;
  return { authenticated: a.authenticated || b.authenticated, scopes: bothScopes(a.scopes, b.scopes) };
}

/** Whether the caller satisfies the requirement. */
export function isSatisfied(requirement: Requirement, caller: Caller): boolean {
  if (requirement.authenticated && !caller.authenticated) return false;
  const { scopes } = requirement;
  if (scopes === null) return true;
  for (const alternative of scopes) {
    if (alternative.every((scope) => caller.scopes.has(scope))) return true;
  }
  return false;
}

/** What the caller lacks, for an error message: "requires the scopes a and b, or the scope c". */
export function describeScopes(scopes: ReadonlyArray<ReadonlyArray<string>>): string {
  if (scopes.length === 0) return 'is not available to any caller';
  const alternatives = scopes.map((all) => (all.length === 1 ? `the scope ${all[0]}` : `the scopes ${all.join(' and ')}`));
  return `requires ${alternatives.join(', or ')}`;
}

// (a1 OR a2) AND (b1 OR b2) = (a1 AND b1) OR (a1 AND b2) OR ...: the disjunctive normal form composition also writes.
function bothScopes(a: Requirement['scopes'], b: Requirement['scopes']): Requirement['scopes'] {
  if (a === null) return b;
  if (b === null) return a;
  const product: string[][] = [];
  for (const left of a) {
    for (const right of b) product.push([...new Set([...left, ...right])]);
  }
  return withoutRedundant(product);
}

// An alternative that contains every scope of another one adds nothing to the OR: drop it (and exact duplicates).
function withoutRedundant(alternatives: string[][]): string[][] {
  return alternatives.filter((candidate, index) =>
    alternatives.every((other, otherIndex) => {
      if (otherIndex === index || !other.every((scope) => candidate.includes(scope))) return true;
      // `other` is a subset of `candidate`: keep `candidate` only if they are equal and it comes first.
      return other.length === candidate.length && index < otherIndex;
    }),
  );
}
