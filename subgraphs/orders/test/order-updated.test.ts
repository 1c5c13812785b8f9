import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { type Coordination, createCoordination, createLogger, newId } from '@trading/platform';
import type { SubgraphContext } from '../src/context';
import { ORDER_UPDATED, type OrderUpdatedEvent } from '../src/domain/events';
import { Subscription } from '../src/resolvers/Subscription';

// User ids are ULIDs, as the platform issues them.
const ALICE = newId();
const BOB = newId();
const ROOT = newId();

// Who may watch whose order events, and that order events are never dropped silently.

let coordination: Coordination;
beforeEach(async () => {
  coordination = await createCoordination({ keyPrefix: `order-updated-test:${randomUUID()}:` });
});
afterEach(() => coordination.close());

const field = Subscription.orderUpdated as {
  subscribe: (
    parent: unknown,
    args: { userId?: string | null },
    ctx: SubgraphContext,
    info: GraphQLResolveInfo,
  ) => AsyncIterableIterator<OrderUpdatedEvent>;
};

function watch(identity: SubgraphContext['identity'], userId?: string) {
  const ctx = { identity, coordination, log: createLogger('test', 'silent') } as SubgraphContext;
  return field.subscribe({}, { userId: userId ?? null }, ctx, {} as GraphQLResolveInfo);
}

const customer = (userId: string) => ({ userId, role: 'CUSTOMER' as const, sessionId: randomUUID() });
const event = (userId: string, orderId: string): OrderUpdatedEvent => ({ userId, orderId, status: 'OPEN' });

/** Publishes until the stream has taken one event: its subscription to the bus is asynchronous. */
async function firstOf(stream: AsyncIterableIterator<OrderUpdatedEvent>, publish: () => Promise<void>) {
  const next = stream.next();
  let settled = false;
  void next.then(() => (settled = true));
  while (!settled) {
    await publish();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return (await next).value as OrderUpdatedEvent;
}

test("a customer's stream carries only their own orders' events", async () => {
  const stream = watch(customer(ALICE));
  await coordination.events.publish(ORDER_UPDATED, event(BOB, 'b1'));
  const received = await firstOf(stream, () => coordination.events.publish(ORDER_UPDATED, event(ALICE, 'a1')));
  expect(received).toEqual(event(ALICE, 'a1'));
  await stream.return!();
});

test('a customer naming another user is FORBIDDEN; an admin may watch anyone; naming oneself is the default', async () => {
  expect(() => watch(customer(ALICE), BOB)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
  expect(() => watch(customer(ALICE), 'not-an-id')).toThrow(
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'userId' }) }),
  );
  expect(() => watch(null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  const own = watch(customer(ALICE), ALICE);
  const admin = watch({ userId: ROOT, role: 'ADMIN', sessionId: randomUUID() }, BOB);
  expect(await firstOf(admin, () => coordination.events.publish(ORDER_UPDATED, event(BOB, 'b2')))).toEqual(event(BOB, 'b2'));
  await Promise.all([own.return!(), admin.return!()]);
});

test('a subscriber more than 100 events behind is ended with SUBSCRIPTION_OVERFLOW, never silently skipped', async () => {
  const stream = watch(customer('carol'));
  await firstOf(stream, () => coordination.events.publish(ORDER_UPDATED, event('carol', 'first')));
  // Nobody reads now: 101 more events overflow the queue.
  for (let i = 0; i < 101; i += 1) await coordination.events.publish(ORDER_UPDATED, event('carol', `o${i}`));
  await new Promise<void>((resolve) => setImmediate(resolve));
  const outcomes: string[] = [];
  for (;;) {
    try {
      const { done } = await stream.next();
      if (done) break;
      outcomes.push('event');
    } catch (error) {
      outcomes.push((error as GraphQLError).extensions.code as string);
      break;
    }
  }
  expect(outcomes.filter((o) => o !== 'event')).toEqual(['SUBSCRIPTION_OVERFLOW']);
});
