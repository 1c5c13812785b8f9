import type { Role } from '../../gql/graphql';

/** The roles as the admin pages name them; the role filter offers them in this order. */
export const ROLES: ReadonlyArray<readonly [Role, string]> = [
  ['CUSTOMER', 'Traders'],
  ['ADMIN', 'Admins'],
];

/** One user's role in words. */
export const ROLE_LABEL: Record<Role, string> = { CUSTOMER: 'Trader', ADMIN: 'Admin' };
