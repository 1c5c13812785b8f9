import { NavLink } from 'react-router';
import { PageSkeleton } from '../../ui/states';

const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['/admin', 'Assets'],
  ['/admin/users', 'Users'],
  ['/admin/audit', 'Audit trail'],
  ['/admin/reconciliation', 'Reconciliation'],
];

/** The admin area's sections, each its own route; the one shown is marked `aria-current="page"` (a user's page under Users). */
export function AdminNav() {
  return (
    <nav className="subnav" aria-label="Admin">
      {SECTIONS.map(([to, label]) => (
        <NavLink key={to} to={to} end={to === '/admin'} className="subnav-link">
          {label}
        </NavLink>
      ))}
    </nav>
  );
}

/** An admin view while its query loads: the sections stay on screen above the skeleton. */
export function AdminSkeleton({ title }: { title: string }) {
  return (
    <>
      <AdminNav />
      <PageSkeleton title={title} />
    </>
  );
}
