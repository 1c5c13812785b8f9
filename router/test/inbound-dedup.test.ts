import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import type { Identity } from '@trading/platform';
import { parse, type OperationDefinitionNode } from 'graphql';
import { InboundDeduplication } from '../src/inbound-dedup';

type Request = Parameters<GatewayExecutor>[0];

/** A request as the gateway hands it to its executor: the parts the deduplication reads. */
function request(query: string, variables: Record<string, unknown> = {}): Request {
  const document = parse(query);
  return {
    document,
    operation: document.definitions[0] as OperationDefinitionNode,
    operationName: null,
    queryHash: query,
    request: { query, variables },
  } as unknown as Request;
}

/** An executor whose executions finish when the test says, counting them. */
function gatedExecutor() {
  const started: { query: string; finish: () => void }[] = [];
  const executor: GatewayExecutor = (req) =>
    new Promise((resolve) => started.push({ query: req.queryHash, finish: () => resolve({ data: { n: started.length } }) }));
  return { executor, started, finishAll: () => started.forEach((execution) => execution.finish()) };
}

const alice: Identity = { userId: 'alice', role: 'CUSTOMER', sessionId: 's1' };
const aliceOtherSession: Identity = { userId: 'alice', role: 'CUSTOMER', sessionId: 's2' };
const bob: Identity = { userId: 'bob', role: 'CUSTOMER', sessionId: 's3' };
const aliceKey: Identity = { userId: 'alice', role: 'CUSTOMER', sessionId: 'apikey:k', apiKey: { id: 'k', scopes: ['read'] } };

test('identical queries of one caller in flight together are executed once and each answered', async () => {
  const dedup = new InboundDeduplication();
  const { executor, started, finishAll } = gatedExecutor();
  const answers = [dedup.execute(request('{ a }'), executor, alice), dedup.execute(request('{ a }'), executor, aliceOtherSession)];
  const anonymous = [dedup.execute(request('{ a }'), executor, null), dedup.execute(request('{ a }'), executor, null)];
  expect(started).toHaveLength(2);
  finishAll();
  expect(await Promise.all([...answers, ...anonymous])).toEqual([{ data: { n: 2 } }, { data: { n: 2 } }, { data: { n: 2 } }, { data: { n: 2 } }]);
  expect(dedup.shared).toBe(2);
});

test('never across callers: another user, an anonymous caller, a key with other grants each get their own execution', async () => {
  const dedup = new InboundDeduplication();
  const { executor, started, finishAll } = gatedExecutor();
  const all = [alice, bob, null, aliceKey].map((identity) => dedup.execute(request('{ me { id } }'), executor, identity));
  expect(started).toHaveLength(4);
  finishAll();
  await Promise.all(all);
  expect(dedup.shared).toBe(0);
});

test('other variables are another query; an execution that finished is not joined', async () => {
  const dedup = new InboundDeduplication();
  const { executor, started, finishAll } = gatedExecutor();
  const first = dedup.execute(request('query($s: String) { a(s: $s) }', { s: 'BTC' }), executor, null);
  const other = dedup.execute(request('query($s: String) { a(s: $s) }', { s: 'ETH' }), executor, null);
  expect(started).toHaveLength(2);
  finishAll();
  await Promise.all([first, other]);
  const later = dedup.execute(request('query($s: String) { a(s: $s) }', { s: 'BTC' }), executor, null);
  expect(started).toHaveLength(3);
  started[2]!.finish();
  await later;
});

test('mutations are never shared, and a query after a mutation never joins an execution from before it', async () => {
  const dedup = new InboundDeduplication();
  const { executor, started } = gatedExecutor();
  const reads = dedup.execute(request('{ balance }'), executor, alice);
  const deposits = [dedup.execute(request('mutation { deposit }'), executor, alice), dedup.execute(request('mutation { deposit }'), executor, alice)];
  expect(started.map((execution) => execution.query)).toEqual(['{ balance }', 'mutation { deposit }', 'mutation { deposit }']);
  started[1]!.finish();
  started[2]!.finish();
  await Promise.all(deposits);
  // The read that started before the deposits is still in flight: a read sent now must see them.
  const after = dedup.execute(request('{ balance }'), executor, alice);
  expect(started).toHaveLength(4);
  started[0]!.finish();
  started[3]!.finish();
  await Promise.all([reads, after]);
  expect(dedup.shared).toBe(0);
});

test('off, every query executes', async () => {
  const dedup = new InboundDeduplication(false);
  const { executor, started, finishAll } = gatedExecutor();
  const both = [dedup.execute(request('{ a }'), executor, null), dedup.execute(request('{ a }'), executor, null)];
  expect(started).toHaveLength(2);
  finishAll();
  await Promise.all(both);
});
