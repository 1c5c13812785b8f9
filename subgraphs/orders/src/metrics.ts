import { Counter, type Registry } from 'prom-client';
import type { OrderRecord } from './data/orders';

/** The orders subgraph's own figures, on its /metrics next to every service's. */
export class OrderMetrics {
  /** Orders accepted (market orders fill at once; limit orders may wait OPEN), by type and side. */
  readonly placed: Counter<'type' | 'side'>;
  /** Orders filled, by type and side: market orders at once, limit orders when the price reached them. */
  readonly filled: Counter<'type' | 'side'>;
  /** Limit orders cancelled by their owner. */
  readonly cancelled: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.placed = new Counter({ name: 'orders_placed_total', help: 'Orders accepted, by type and side', labelNames: ['type', 'side'], registers });
    this.filled = new Counter({ name: 'orders_filled_total', help: 'Orders filled, by type and side', labelNames: ['type', 'side'], registers });
    this.cancelled = new Counter({ name: 'orders_cancelled_total', help: 'Limit orders cancelled', registers });
  }

  /** Counts a newly placed order, and its fill when it filled at once. */
  recordPlaced(order: Pick<OrderRecord, 'type' | 'side' | 'status'>): void {
    this.placed.inc({ type: order.type, side: order.side });
    if (order.status === 'FILLED') this.recordFilled(order);
  }

  recordFilled(order: Pick<OrderRecord, 'type' | 'side'>): void {
    this.filled.inc({ type: order.type, side: order.side });
  }
}
