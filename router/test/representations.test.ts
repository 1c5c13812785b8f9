import { dedupeRepresentations } from '../src/representations';

const user = (id: string) => ({ __typename: 'User', id, balance: '10' });

test('an entity fetch asks for each repeated entity once and gets every mention answered, in order', () => {
  const request = {
    query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... } }',
    variables: { representations: [user('a'), user('b'), user('a'), user('a')], other: 1 },
  };
  const deduped = dedupeRepresentations(request)!;
  expect(deduped.request.variables).toEqual({ representations: [user('a'), user('b')], other: 1 });
  expect(deduped.request.query).toBe(request.query);
  const answer = deduped.expand({
    data: {
      _entities: [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ],
    },
  });
  expect(answer.data).toEqual({
    _entities: [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'a', n: 1 },
      { id: 'a', n: 1 },
    ],
  });
});

test('an error about one entity is reported at each of its mentions, other errors as they were', () => {
  const deduped = dedupeRepresentations({ variables: { representations: [user('a'), user('b'), user('a')] } })!;
  const answer = deduped.expand({
    data: { _entities: [null, { id: 'b' }] },
    errors: [{ message: 'forbidden', path: ['_entities', 0, 'holdings'] }, { message: 'elsewhere' }],
  });
  expect(answer.data).toEqual({ _entities: [null, { id: 'b' }, null] });
  expect(answer.errors).toEqual([
    { message: 'forbidden', path: ['_entities', 0, 'holdings'] },
    { message: 'forbidden', path: ['_entities', 2, 'holdings'] },
    { message: 'elsewhere' },
  ]);
});

test('nothing repeated, or no representations: the request goes out as it is', () => {
  expect(dedupeRepresentations({ variables: { representations: [user('a'), user('b')] } })).toBeNull();
  expect(dedupeRepresentations({ variables: { id: 'x' } })).toBeNull();
  expect(dedupeRepresentations({})).toBeNull();
});
