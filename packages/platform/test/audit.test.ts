import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { AuditLog, auditPosition, isAuditPosition, withoutSecrets, type AuditPage, type AuditPosition } from '../src/audit';
import { createDatabase, type Database } from '../src/dynamodb/database';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../src/dynamodb/embedded';
import { createLogger } from '../src/logger';

let embedded: EmbeddedDynamo;
let db: Database;
let audit: AuditLog;

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'audit-' });
  audit = new AuditLog(db, { retentionDays: 30, log: createLogger('test', 'silent') });
  await audit.ensureTable();
});
afterAll(async () => {
  db.close();
  await embedded.close();
});

/** Writes an entry as if recorded at `at`, to test what time does to it. */
async function recordAt(at: string, fields: { action: string; actorId?: string; subjectId?: string; expiresAt?: number }) {
  const id = `${at}-${Math.random().toString(36).slice(2)}`;
  await db.doc.send(
    new PutCommand({
      TableName: db.tables.auditEvents,
      Item: {
        id,
        at,
        action: fields.action,
        outcome: 'SUCCESS',
        subjectKey: fields.subjectId ?? '-',
        actorKey: fields.actorId ?? '-',
        day: at.slice(0, 10),
        sk: `${at}#${id}`,
        expiresAt: fields.expiresAt ?? Math.floor(Date.now() / 1000) + 86_400,
      },
    }),
  );
  return id;
}

test('secrets never enter an entry, at any depth', () => {
  expect(
    withoutSecrets({
      login: 'ada',
      password: 'x',
      nested: { refreshToken: 'y', passwordHash: 'z', ok: 1 },
      list: [{ authorization: 'Bearer q', keep: true }],
    }),
  ).toEqual({
    login: 'ada',
    nested: { ok: 1 },
    list: [{ keep: true }],
  });
});

test("a subject's entries come newest first, page by page, with details as recorded", async () => {
  for (const action of ['REGISTER', 'LOGIN', 'LOGOUT'] as const)
    await audit.record({ action, outcome: 'SUCCESS', subjectId: 'subject-1', details: { n: 1, list: [1, 2] } });
  const first = await audit.forSubject('subject-1', 2);
  expect(first.events.map((e) => e.action)).toEqual(['LOGOUT', 'LOGIN']);
  expect(first.events[0]!.details).toEqual({ n: 1, list: [1, 2] });
  const rest = await audit.forSubject('subject-1', 2, { olderThan: { position: first.next! } });
  expect(rest).toMatchObject({ events: [{ action: 'REGISTER' }], next: null });
});

test('entries past their retention are not shown, though the embedded endpoint keeps them', async () => {
  await recordAt(new Date(Date.now() - 40 * 86_400_000).toISOString(), {
    action: 'LOGIN',
    subjectId: 'old-subject',
    expiresAt: Math.floor(Date.now() / 1000) - 10,
  });
  await audit.record({ action: 'LOGOUT', outcome: 'SUCCESS', subjectId: 'old-subject' });
  expect((await audit.forSubject('old-subject', 10)).events.map((e) => e.action)).toEqual(['LOGOUT']);
});

test('search without an actor walks back day by day, filters by action and time, and pages across days', async () => {
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  for (const n of [1, 1, 3, 5]) await recordAt(day(n), { action: 'ADMIN_ACTION', actorId: 'admin-9' });
  await recordAt(day(2), { action: 'LOGIN', actorId: 'someone' });
  const found: string[] = [];
  let after: AuditPosition | null = null;
  do {
    const page: AuditPage = await audit.search(
      { action: 'ADMIN_ACTION', from: new Date(Date.parse(day(6))) },
      2,
      after ? { olderThan: { position: after } } : {},
    );
    found.push(...page.events.map((e) => e.at.slice(0, 10)));
    after = page.next;
  } while (after);
  expect(found).toEqual([day(1), day(1), day(3), day(5)].map((d) => d.slice(0, 10)));
  const recent = await audit.search({ actorId: 'admin-9', from: new Date(Date.parse(day(2))) }, 10);
  expect(recent.events).toHaveLength(2);
});

test("a subject's entries read from the oldest end, between positions, either end included or not", async () => {
  for (const action of ['REGISTER', 'LOGIN', 'TOKEN_REFRESH', 'LOGOUT'] as const)
    await audit.record({ action, outcome: 'SUCCESS', subjectId: 'subject-2' });
  const all = (await audit.forSubject('subject-2', 10)).events;
  expect(all.map((e) => e.action)).toEqual(['LOGOUT', 'TOKEN_REFRESH', 'LOGIN', 'REGISTER']);
  const [logout, refresh, login] = all.map(auditPosition);
  const actions = async (range: Parameters<AuditLog['forSubject']>[2]) =>
    (await audit.forSubject('subject-2', 10, range)).events.map((e) => e.action);
  expect(await actions({ oldestFirst: true })).toEqual(['REGISTER', 'LOGIN', 'TOKEN_REFRESH', 'LOGOUT']);
  expect(await actions({ newerThan: { position: login! }, oldestFirst: true })).toEqual(['TOKEN_REFRESH', 'LOGOUT']);
  expect(await actions({ newerThan: { position: login!, inclusive: true }, oldestFirst: true })).toEqual(['LOGIN', 'TOKEN_REFRESH', 'LOGOUT']);
  expect(await actions({ olderThan: { position: logout! }, newerThan: { position: login! } })).toEqual(['TOKEN_REFRESH']);
  expect(await actions({ olderThan: { position: refresh!, inclusive: true } })).toEqual(['TOKEN_REFRESH', 'LOGIN', 'REGISTER']);
  const oldestTwo = await audit.forSubject('subject-2', 2, { oldestFirst: true });
  expect(oldestTwo.events.map((e) => e.action)).toEqual(['REGISTER', 'LOGIN']);
  expect(oldestTwo.next).toEqual(login);
});

test('search read from the oldest end walks forward day by day, and by actor through its index', async () => {
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  for (const n of [4, 2, 2, 1]) await recordAt(day(n), { action: 'PASSWORD_CHANGE', actorId: 'actor-oldest' });
  const filter = { action: 'PASSWORD_CHANGE' as const, from: new Date(Date.parse(day(7))) };
  const page = await audit.search(filter, 3, { oldestFirst: true });
  expect(page.events.map((e) => e.at)).toEqual([day(4), day(2), day(2)].map((d) => expect.stringMatching(new RegExp(`^${d.slice(0, 10)}`))));
  const rest = await audit.search(filter, 3, { oldestFirst: true, newerThan: { position: page.next! } });
  expect(rest.events.map((e) => e.at.slice(0, 10))).toEqual([day(1).slice(0, 10)]);
  expect(rest.next).toBeNull();
  const byActor = await audit.search({ actorId: 'actor-oldest' }, 10, { oldestFirst: true, olderThan: { position: auditPosition(rest.events[0]!) } });
  expect(byActor.events.map((e) => e.at.slice(0, 10))).toEqual([day(4), day(2), day(2)].map((d) => d.slice(0, 10)));
});

test('a search naming dates far beyond the retention walks only the kept days (it used to query every day up to 9999)', async () => {
  await audit.record({ action: 'LOGIN', outcome: 'SUCCESS', subjectId: 'far-dates' });
  const found = await audit.search({ action: 'LOGIN', from: new Date('1969-12-31T23:59:59.950Z'), to: new Date('9999-12-31T23:59:59.999Z') }, 100);
  expect(found.events.some((event) => event.subjectId === 'far-dates')).toBe(true);
});

test('a position read from a cursor is checked for its shape: a day, and a sort key of bounded length', () => {
  expect(isAuditPosition({ day: '2026-12-03', sk: '2026-12-03T10:00:00.000Z#01J' })).toBe(true);
  for (const value of [null, 'x', { day: '2026-12-3', sk: 'a' }, { day: '2026-12-03', sk: 5 }, { day: '2026-12-03', sk: 'a'.repeat(129) }]) {
    expect(isAuditPosition(value)).toBe(false);
  }
});
