import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Connection, createDatabase, type Database, newId, type PageArgs, pageRequest, readConnection } from '@trading/platform';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { type UserRecord, UserStore } from '../src/data/users';

// `users` (admins) is a table scan: the pages before a cursor are found by scanning from the start of the table.
// Against the embedded DynamoDB, forward and backward walks must show the same users, with exact page info.

let embedded: EmbeddedDynamo;
let db: Database;
let store: UserStore;
/** Every user in table order, as a full scan returns them. */
let tableOrder: UserRecord[];

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'userlist-' });
  await db.ensureTables(['users', 'userLogins']);
  store = new UserStore(db);
  // 230 users (more than two scan pages of 100): every fifth an admin, every third an "ada".
  for (let i = 0; i < 230; i += 1) {
    await store.create({
      id: newId(),
      username: `${i % 3 === 0 ? 'ada' : 'bob'}${i}`,
      email: `user${i}@example.com`,
      firstName: 'A',
      lastName: 'B',
      role: i % 5 === 0 ? 'ADMIN' : 'CUSTOMER',
      createdAt: new Date().toISOString(),
      passwordHash: 'not a hash',
    });
  }
  const { Items = [] } = await db.doc.send(new ScanCommand({ TableName: db.tables.users }));
  tableOrder = Items.map((item) => item as UserRecord);
}, 60_000);
afterAll(async () => {
  db.close();
  await embedded.close();
});

const page = (keep: (user: UserRecord) => boolean, args: PageArgs) =>
  readConnection(
    pageRequest(args, (cursor) => cursor ?? undefined),
    store.source(keep),
    (user) => user.id,
  );

type Shown = { ids: string[]; sides: boolean[] };
const shown = (connection: Connection<UserRecord>): Shown => ({
  ids: connection.edges.map((edge) => edge.node.id),
  sides: [connection.pageInfo.hasPreviousPage, connection.pageInfo.hasNextPage],
});

const FILTERS: [string, (user: UserRecord) => boolean][] = [
  ['every user', () => true],
  ['admins', (user) => user.role === 'ADMIN'],
  ['a search', (user) => user.username.startsWith('ada')],
  ['nobody', () => false],
];

test.each(FILTERS)(
  'pages through %s forward and back to the same users, in table order, with exact page info',
  async (_name, keep) => {
    const want = tableOrder.filter(keep).map((user) => user.id);
    for (const size of [7, 100]) {
      const forward: Shown[] = [];
      for (let after: string | null = null, i = 0; i < 100; i += 1) {
        const connection: Connection<UserRecord> = await page(keep, { first: size, after });
        forward.push(shown(connection));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      const backward: Shown[] = [];
      for (let before: string | null = null, i = 0; i < 100; i += 1) {
        const connection: Connection<UserRecord> = await page(keep, { last: size, before });
        backward.unshift(shown(connection));
        if (!connection.pageInfo.hasPreviousPage) break;
        before = connection.pageInfo.startCursor;
      }
      expect(forward.flatMap((p) => p.ids)).toEqual(want);
      expect(backward.flatMap((p) => p.ids)).toEqual(want);
      expect(backward.slice(1).every((p) => p.ids.length === size)).toBe(true);
      for (const walk of [forward, backward]) expect(walk.map((p) => p.sides)).toEqual(walk.map((_p, i) => [i > 0, i < walk.length - 1]));
    }
  },
  60_000,
);

test('a page between two cursors, and around users that no longer match', async () => {
  const ids = tableOrder.map((user) => user.id);
  const between = await page(() => true, { first: 3, after: ids[10], before: ids[12] });
  expect(shown(between)).toEqual({ ids: [ids[11]], sides: [true, false] });
  expect(shown(await page(() => true, { last: 3, after: ids[10], before: ids[15] }))).toEqual({ ids: ids.slice(12, 15), sides: [true, true] });
  // A `before` that comes before `after`: nothing lies between them.
  expect((await page(() => true, { first: 3, after: ids[20], before: ids[5] })).edges).toEqual([]);
  // The cursors' own users left the filter: the look beyond them still finds the users that match.
  const keep = (user: UserRecord) => user.id !== ids[0] && user.id !== ids[1] && user.id !== ids[40];
  expect(shown(await page(keep, { first: 2, after: ids[1] }))).toEqual({ ids: ids.slice(2, 4), sides: [false, true] });
  expect(shown(await page(keep, { first: 2, after: ids[3] }))).toEqual({ ids: ids.slice(4, 6), sides: [true, true] });
  expect(shown(await page(keep, { last: 2, before: ids[4] }))).toEqual({ ids: ids.slice(2, 4), sides: [false, true] });
  const beforeTheEnd = await page((user) => user.id !== ids.at(-1), { last: 1, before: ids.at(-1)! });
  expect(shown(beforeTheEnd)).toEqual({ ids: [ids.at(-2)!], sides: [true, false] });
}, 60_000);
