import { auditPosition, type AuditEventRecord, type AuditPage, type Connection, type Cursors } from '@trading/platform';
import type { AuditEventResolvers } from '../generated/resolvers';

/** A connection from a page of the audit log (its cursor marks where the next page starts). */
export function auditConnection(page: AuditPage, cursors: Cursors): Connection<AuditEventRecord> {
  const edges = page.events.map((node) => ({ cursor: cursors.encode(auditPosition(node)), node }));
  return { edges, pageInfo: { hasNextPage: page.next !== null, endCursor: page.next ? cursors.encode(page.next) : (edges.at(-1)?.cursor ?? null) } };
}

export const AuditEvent: AuditEventResolvers = {
  details: (event) => (event.details ? JSON.stringify(event.details) : null),
};
