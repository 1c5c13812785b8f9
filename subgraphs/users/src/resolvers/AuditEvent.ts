import {
  auditPosition,
  readConnection,
  type AuditEventRecord,
  type AuditPage,
  type AuditPosition,
  type AuditRange,
  type Connection,
  type Cursors,
  type PageRequest,
} from '@trading/platform';
import type { AuditEventResolvers } from '../generated/resolvers';

/**
 * A page of a list of the audit trail (newest first; `read` is the trail's search or one account's entries). Both
 * sides are exact: the look beyond a cursor reads one entry from it towards the list's edge (the cursor's own entry,
 * while it is kept and matches).
 */
export function auditConnection(
  request: PageRequest<AuditPosition>,
  cursors: Cursors,
  read: (limit: number, range: AuditRange) => Promise<AuditPage>,
): Promise<Connection<AuditEventRecord>> {
  return readConnection(
    request,
    {
      read: async ({ after, before }, from, limit) => {
        const range: AuditRange = {
          ...(after ? { olderThan: { position: after } } : {}),
          ...(before ? { newerThan: { position: before } } : {}),
          oldestFirst: from === 'end',
        };
        return (await read(limit, range)).events;
      },
      beyond: async (position, side) => {
        const range: AuditRange =
          side === 'start' ? { newerThan: { position, inclusive: true }, oldestFirst: true } : { olderThan: { position, inclusive: true } };
        return (await read(1, range)).events.length > 0;
      },
    },
    (event) => cursors.encode(auditPosition(event)),
  );
}

export const AuditEvent: AuditEventResolvers = {
  details: (event) => (event.details ? JSON.stringify(event.details) : null),
};
