import { ErrorCode } from '@trading/platform';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import type { AuthorizationPolicy, Filtered } from '../authorization';
import type { AdmittedSubscription, RouterContext } from '../context';
import type { SubscriptionPlanner } from './planner';
import { needsIdentity } from './scope';
import type { Scope, Subscriber, UpstreamHub } from './upstream';

/** Root fields whose events are samples of a changing value: a slow client may skip some. */
const DROPPABLE_ROOT_FIELDS = new Set(['priceChanged', 'marketTicks', 'candleUpdated']);

/** The last event of a stream whose client fell too far behind: the same for every subscription, so made once. */
export const OVERFLOW: ExecutionResult = {
  errors: [
    new GraphQLError('This client fell too far behind and the subscription was ended: subscribe again', {
      extensions: { code: ErrorCode.SUBSCRIPTION_OVERFLOW },
    }),
  ],
};

/**
 * Starts admitted subscriptions on the upstream hub, whatever transport carries them: plans the operation, picks its
 * scope (an operation that needs no identity is the same for everyone, so every client shares one upstream stream)
 * and shapes each event for a caller denied part of it.
 */
export class SubscriptionStarter {
  constructor(
    private readonly deps: {
      planner: SubscriptionPlanner;
      hub: UpstreamHub;
      policy: AuthorizationPolicy;
    },
  ) {}

  /** Whether a slow client of this subscription may skip events (price ticks), or must get all (order updates). */
  droppable(subscription: AdmittedSubscription): boolean {
    const root = getOperationAST(subscription.document, subscription.operationName)?.selectionSet.selections[0];
    return root?.kind === 'Field' && DROPPABLE_ROOT_FIELDS.has(root.name.value);
  }

  /** Starts the subscription; returns how to leave it. `delivery` gets its events (shaped first when filtered). */
  start(subscription: AdmittedSubscription, context: RouterContext, delivery: Subscriber): () => void {
    const { planner, hub, policy } = this.deps;
    const plan = planner.plan(subscription.document, subscription.operationName);
    const scope: Scope =
      context.identity && needsIdentity(planner.graphqlSchema, policy, subscription.document)
        ? { key: `${context.identity.userId}:${context.identity.role}`, identity: context.identity }
        : { key: 'public', identity: null };
    // Unchanged, each result is the one every sharer of the upstream gets (serialized once for all): the delivery
    // takes it as it is. Filtered, each result is shaped for this caller first.
    const subscriber = subscription.filtered ? shapedSubscriber(delivery, subscription.filtered) : delivery;
    return hub.subscribe(plan, subscription.variables, scope, context, subscriber);
  }
}

/** A subscriber whose events are shaped for a caller denied part of the operation: nulls and errors put back. */
function shapedSubscriber(delivery: Subscriber, filtered: Filtered): Subscriber {
  return {
    push: (result) => {
      const data = filtered.shape(result.data as Record<string, unknown> | null);
      const errors = [...filtered.errors, ...(result.errors ?? [])];
      delivery.push({ data: data ?? null, ...(errors.length ? { errors } : {}) });
    },
    end: (error) => delivery.end(error),
  };
}
