import { Kind, print } from 'graphql';
import { callerFor } from '../src/authorization';
import { anonymous, expectData, forbidden, run, unauthenticated, withScopes } from './fixtures/authorization/harness';

// Fields denied before planning come back as null with an error, exactly where a GraphQL execution of the original
// operation would have put them. Each expectation is written out by hand from the test subgraphs' SDL.

const customer = callerFor({ role: 'CUSTOMER' });
const admin = callerFor({ role: 'ADMIN' });

describe('who may read what', () => {
  test('nothing denied: the operation runs unchanged', () => {
    expect(run('{ publicInfo users { id name } }', anonymous).result).toEqual({ changed: false });
    expect(run('{ admin me { email pin } }', admin).result).toEqual({ changed: false });
  });

  test('@authenticated: anonymous callers get null and UNAUTHENTICATED, any identity reads it', () => {
    const outcome = run('{ publicInfo me { name } }', anonymous);
    expectData(outcome.data, { publicInfo: 'hello', me: null });
    expect(outcome.errors).toEqual([unauthenticated('Query.me', ['me'])]);
    expect(run('{ publicInfo me { name } }', customer).result).toEqual({ changed: false });
  });

  test('@requiresScopes: anonymous is UNAUTHENTICATED, a signed-in caller without the scope FORBIDDEN', () => {
    const asAnonymous = run('{ admin }', anonymous);
    expectData(asAnonymous.data, { admin: null });
    expect(asAnonymous.errors).toEqual([unauthenticated('Query.admin', ['admin'])]);

    const asCustomer = run('{ admin }', customer);
    expectData(asCustomer.data, { admin: null });
    expect(asCustomer.errors).toEqual([forbidden('Query.admin', 'requires the scope admin', ['admin'])]);

    expect(run('{ admin }', admin).result).toEqual({ changed: false });
  });

  test('scopes: each inner list is AND, the outer list OR', () => {
    const query = '{ bothScopes eitherScope }';
    const both = forbidden('Query.bothScopes', 'requires the scopes admin and customer', ['bothScopes']);
    for (const caller of [customer, admin]) {
      const outcome = run(query, caller);
      expectData(outcome.data, { bothScopes: null, eitherScope: 'either' });
      expect(outcome.errors).toEqual([both]);
    }
    expect(run(query, withScopes('admin', 'customer')).result).toEqual({ changed: false });

    const neither = run(query, withScopes('auditor'));
    expectData(neither.data, { bothScopes: null, eitherScope: null });
    expect(neither.errors).toEqual([both, forbidden('Query.eitherScope', 'requires the scope admin, or the scope customer', ['eitherScope'])]);
  });

  test('several directives: the caller must satisfy the field’s and its return type’s', () => {
    // Query.report needs admin or auditor; type Report needs customer or auditor.
    const requirement = 'requires the scopes admin and customer, or the scope auditor';
    for (const caller of [admin, customer]) {
      const outcome = run('{ report { title } }', caller);
      expectData(outcome.data, { report: null });
      expect(outcome.errors).toEqual([forbidden('Query.report', requirement, ['report'])]);
    }
    expectData(run('{ report { title } }', withScopes('admin', 'customer')).data, { report: { title: 'Q1' } });
    expectData(run('{ report { title } }', withScopes('auditor')).data, { report: { title: 'Q1' } });
  });

  test('a type-level directive on the return type denies every field returning it', () => {
    const outcome = run('{ publicInfo secret { x } }', anonymous);
    expectData(outcome.data, { publicInfo: 'hello', secret: null });
    expect(outcome.errors).toEqual([unauthenticated('Query.secret', ['secret'])]);
  });

  test('a type-level directive on the parent type denies its fields, only in objects of that type', () => {
    const outcome = run('{ search { __typename ... on User { name } ... on Secret { x } } }', anonymous);
    expectData(outcome.data, {
      search: [
        { __typename: 'User', name: 'Alice' },
        { __typename: 'Secret', x: null },
      ],
    });
    expect(outcome.errors).toEqual([unauthenticated('Secret.x', ['search', 'x'])]);
  });

  test('introspection is never restricted', () => {
    expect(run('{ __typename search { __typename } }', anonymous).result).toEqual({ changed: false });
    expect(run('{ __schema { queryType { name } } __type(name: "Secret") { name } }', anonymous).result).toEqual({ changed: false });
    expect(run('{ search { ... on Secret { __typename } } }', anonymous).result).toEqual({ changed: false });
  });
});

describe('nulls where GraphQL would put them', () => {
  test('a nullable field becomes null; the error path uses aliases', () => {
    const outcome = run('{ viewer: me { name } first: user(id: "u1") { id mail: email } }', anonymous);
    expectData(outcome.data, { viewer: null, first: { id: 'u1', mail: null } });
    expect(outcome.errors).toEqual([unauthenticated('Query.me', ['viewer']), unauthenticated('User.email', ['first', 'mail'])]);
  });

  test('a selection set with nothing left keeps its object, with the denied field null', () => {
    const outcome = run('{ user(id: "u1") { email } }', anonymous);
    expectData(outcome.data, { user: { email: null } });
    expect(print(outcome.result.changed ? outcome.result.document! : { kind: Kind.DOCUMENT, definitions: [] })).not.toMatch(/email/);
  });

  test('a non-null field nulls its nearest nullable ancestor, which is not fetched at all', () => {
    const outcome = run('{ publicInfo user(id: "u1") { name pin } }', anonymous);
    expectData(outcome.data, { publicInfo: 'hello', user: null });
    expect(outcome.errors).toEqual([unauthenticated('User.pin', ['user', 'pin'])]);
    expect(outcome.result.changed && print(outcome.result.document!)).not.toMatch(/user\(/);

    const deeper = run('{ safe { inner { note code } } }', anonymous);
    expectData(deeper.data, { safe: null });
    expect(deeper.errors).toEqual([unauthenticated('Inner.code', ['safe', 'inner', 'code'])]);
  });

  test('non-null all the way up to the root: data is null and nothing runs', () => {
    const outcome = run('{ publicInfo vault { label code } }', anonymous);
    expect(outcome.result).toMatchObject({ changed: true, document: null });
    expect(outcome.data).toBeNull();
    expect(outcome.errors).toEqual([unauthenticated('Vault.code', ['vault', 'code'])]);
  });

  test('a denied field under @include/@skip nulls only when it would have been included', () => {
    const query = 'query ($show: Boolean!) { publicInfo vault { label code @include(if: $show) } }';
    expect(run(query, anonymous, { variables: { show: true } }).data).toBeNull();
    const hidden = run(query, anonymous, { variables: { show: false } });
    expectData(hidden.data, { publicInfo: 'hello', vault: { label: 'main' } });
    // Errors are decided before execution, so the refusal is reported either way.
    expect(hidden.errors).toEqual([unauthenticated('Vault.code', ['vault', 'code'])]);
  });

  test('@include and @skip stay on the kept fields', () => {
    const query = 'query ($withName: Boolean!) { user(id: "u1") { name @include(if: $withName) email @skip(if: $withName) } }';
    expectData(run(query, anonymous, { variables: { withName: true } }).data, { user: { name: 'Alice' } });
    expectData(run(query, anonymous, { variables: { withName: false } }).data, { user: { email: null } });
  });

  test('lists: the denied field is null in every item; paths name no index', () => {
    const outcome = run('{ users { name email } }', anonymous);
    expectData(outcome.data, {
      users: [
        { name: 'Alice', email: null },
        { name: 'Bob', email: null },
      ],
    });
    expect(outcome.errors).toEqual([unauthenticated('User.email', ['users', 'email'])]);
  });

  test('lists: a non-null field nulls each nullable item', () => {
    const outcome = run('{ lockers { number code } }', anonymous);
    expectData(outcome.data, { lockers: [null, null] });
    expect(outcome.errors).toEqual([unauthenticated('Locker.code', ['lockers', 'code'])]);
  });

  test('lists: with non-null items the null goes past the list, but only when it has items', () => {
    expect(run('{ users { name pin } }', anonymous).data).toBeNull();
    const withFriend = run('{ user(id: "u1") { name friends { pin } } }', anonymous);
    expectData(withFriend.data, { user: null });
    const friendless = run('{ user(id: "u2") { name friends { pin } } }', anonymous);
    expectData(friendless.data, { user: { name: 'Bob', friends: [] } });
    expect(friendless.errors).toEqual([unauthenticated('User.pin', ['user', 'friends', 'pin'])]);
  });

  test('keys keep the order of the original selection', () => {
    const outcome = run('{ user(id: "u1") { email name ... on User { id email } } }', anonymous);
    expectData(outcome.data, { user: { email: null, name: 'Alice', id: 'u1' } });
    expect(outcome.errors).toEqual([unauthenticated('User.email', ['user', 'email'])]);
  });

  test('an alias that looks like a marker is still the caller’s own', () => {
    const outcome = run('{ __authz0: publicInfo admin __authz: publicInfo }', anonymous);
    expectData(outcome.data, { __authz0: 'hello', admin: null, __authz: 'hello' });
  });
});

describe('fragments and abstract types', () => {
  test('named fragments are judged per position and removed from the document', () => {
    const outcome = run(
      `query { user(id: "u1") { ...UserBits friends { ...UserBits } } }
       fragment UserBits on User { id name email }`,
      anonymous,
    );
    expectData(outcome.data, {
      user: { id: 'u1', name: 'Alice', email: null, friends: [{ id: 'u2', name: 'Bob', email: null }] },
    });
    expect(outcome.errors).toEqual([unauthenticated('User.email', ['user', 'email']), unauthenticated('User.email', ['user', 'friends', 'email'])]);
    const document = outcome.result.changed ? outcome.result.document : null;
    expect(document?.definitions.map((definition) => definition.kind)).toEqual([Kind.OPERATION_DEFINITION]);
  });

  test('a fragment spread inside a denied field adds no errors of its own', () => {
    const outcome = run('query { me { ...UserBits } } fragment UserBits on User { id email pin }', anonymous);
    expectData(outcome.data, { me: null });
    expect(outcome.errors).toEqual([unauthenticated('Query.me', ['me'])]);
  });

  test('the same field reached twice at one path is one error', () => {
    const outcome = run('{ user(id: "u1") { email } ... on Query { user(id: "u1") { email name } } }', anonymous);
    expectData(outcome.data, { user: { email: null, name: 'Alice' } });
    expect(outcome.errors).toEqual([unauthenticated('User.email', ['user', 'email'])]);
  });

  test('interface: a field in a type condition is null only in objects of that type', () => {
    const query = 'query ($id: ID!) { node(id: $id) { id ... on Article { title draft } ... on User { name } } }';
    const article = run(query, customer, { variables: { id: 'a1' } });
    expectData(article.data, { node: { id: 'a1', title: 'Hello', draft: null } });
    expect(article.errors).toEqual([forbidden('Article.draft', 'requires the scope admin', ['node', 'draft'])]);
    expectData(run(query, customer, { variables: { id: 'u1' } }).data, { node: { id: 'u1', name: 'Alice' } });
  });

  test('interface: a non-null field in a type condition nulls only objects of that type', () => {
    const query = 'query ($id: ID!) { node(id: $id) { ... on User { pin } } }';
    expectData(run(query, anonymous, { variables: { id: 'u1' } }).data, { node: null });
    expectData(run(query, anonymous, { variables: { id: 'a1' } }).data, { node: {} });
    // A condition every object of the field's type meets is no condition: the field is not fetched.
    const certain = run('{ user(id: "u1") { ... on Node { ... on User { pin } } } }', anonymous);
    expectData(certain.data, { user: null });
    expect(certain.result.changed && print(certain.result.document!)).not.toMatch(/user\(/);
  });

  test('interface: a field one implementation protects is protected through the interface', () => {
    const outcome = run('{ listings { id title } }', anonymous);
    expectData(outcome.data, {
      listings: [
        { id: 'p1', title: null },
        { id: 'p2', title: null },
      ],
    });
    expect(outcome.errors).toEqual([unauthenticated('Listing.title', ['listings', 'title'])]);
    expectData(run('{ listings { id ... on PublicListing { title } } }', anonymous).data, {
      listings: [{ id: 'p1', title: 'Open' }, { id: 'p2' }],
    });
  });

  test('the same key asked for both in a denied and in an allowed way is null, as a failing resolver would make it', () => {
    for (const query of ['{ listings { title ... on PublicListing { title } } }', '{ listings { ... on PublicListing { title } title } }']) {
      const outcome = run(query, anonymous);
      expectData(outcome.data, { listings: [{ title: null }, { title: null }] });
      expect(outcome.errors).toEqual([unauthenticated('Listing.title', ['listings', 'title'])]);
    }
  });

  test('union: objects of other types get no key at all', () => {
    const outcome = run('{ search { ... on User { name balance } } }', anonymous);
    expectData(outcome.data, { search: [{ name: 'Alice', balance: null }, {}] });
    expect(outcome.errors).toEqual([unauthenticated('User.balance', ['search', 'balance'])]);
    expect(run('{ search { ... on User { name balance } } }', customer).result).toEqual({ changed: false });
  });

  test('union: a non-null field nulls only the objects of its type, then GraphQL propagation applies', () => {
    const query = '{ feed { ... on Ad { text } ... on Article { title reviewer } } }';
    // feed is [FeedItem!]!: the Article cannot be null, so neither can the list, so data is null.
    expect(run(query, customer).data).toBeNull();
    const adsOnly = run(query, customer, { rootValue: { feed: [{ __typename: 'Ad', text: 'buy' }] } });
    expectData(adsOnly.data, { feed: [{ text: 'buy' }] });
    expect(adsOnly.errors).toEqual([forbidden('Article.reviewer', 'requires the scope admin', ['feed', 'reviewer'])]);
  });
});

describe('operations', () => {
  test('mutations: a denied root field is not run, the others are', () => {
    const outcome = run('mutation { rename(name: "x") wipe }', customer);
    expectData(outcome.data, { rename: 'x', wipe: null });
    expect(outcome.errors).toEqual([forbidden('Mutation.wipe', 'requires the scope admin', ['wipe'])]);
    expect(outcome.ran).toEqual(['Mutation.rename']);
  });

  test('mutations: a denied non-null root field refuses the whole operation', () => {
    const outcome = run('mutation { rename(name: "x") reset }', customer);
    expect(outcome.result).toMatchObject({ changed: true, document: null });
    expect(outcome.data).toBeNull();
    expect(outcome.ran).toEqual([]);
  });

  test('mutations: a root field whose result would be nulled is not run', () => {
    const outcome = run('mutation { rename(name: "x") touchVault { label code } }', anonymous);
    expectData(outcome.data, { rename: 'x', touchVault: null });
    expect(outcome.errors).toEqual([unauthenticated('Vault.code', ['touchVault', 'code'])]);
    expect(outcome.ran).toEqual(['Mutation.rename']);
  });

  test('mutations: a root field that only might be nulled (a condition decides) is not run either', () => {
    const outcome = run('mutation ($show: Boolean!) { rename(name: "x") touchVault { label code @include(if: $show) } }', anonymous, {
      variables: { show: false },
    });
    expectData(outcome.data, { rename: 'x', touchVault: null });
    expect(outcome.ran).toEqual(['Mutation.rename']);
  });

  test('mutations: a null that stops at list items does not reach the root field, which runs', () => {
    const outcome = run('mutation { openLockers { number code } }', anonymous);
    expectData(outcome.data, { openLockers: [null] });
    expect(outcome.errors).toEqual([unauthenticated('Locker.code', ['openLockers', 'code'])]);
    expect(outcome.ran).toEqual(['Mutation.openLockers']);
  });

  test('subscriptions: a denied root field is not subscribed at all', () => {
    const outcome = run('subscription { secretEvents }', anonymous);
    expect(outcome.result).toMatchObject({ changed: true, document: null });
    expect(outcome.errors).toEqual([unauthenticated('Subscription.secretEvents', ['secretEvents'])]);
  });

  test('subscriptions: each event is shaped like a query result', () => {
    const outcome = run('subscription { userEvents { name email } }', anonymous);
    expectData(outcome.data, { userEvents: { name: 'Alice', email: null } });
    expect(outcome.errors).toEqual([unauthenticated('User.email', ['userEvents', 'email'])]);
  });

  test('variables used only by denied fields are dropped', () => {
    const outcome = run('query ($id: ID!, $email: String!) { user(id: $id) { name } userByEmail(email: $email) { name } }', customer, {
      variables: { id: 'u1', email: 'alice@example.com' },
    });
    expectData(outcome.data, { user: { name: 'Alice' }, userByEmail: null });
    const document = outcome.result.changed ? outcome.result.document : null;
    expect(print(document!)).toMatch(/^query \(\$id: ID!\) \{/);
  });

  test('operationName picks the operation; the filtered document holds only that one', () => {
    const source = 'query A { admin publicInfo } query B { publicInfo }';
    expect(run(source, anonymous, { operationName: 'B' }).result).toEqual({ changed: false });
    const outcome = run(source, anonymous, { operationName: 'A' });
    expectData(outcome.data, { admin: null, publicInfo: 'hello' });
    const document = outcome.result.changed ? outcome.result.document : null;
    expect(document?.definitions).toHaveLength(1);
  });
});
