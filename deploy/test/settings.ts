import { routerConfigShape } from '../../router/src/config';
import { inventoryConfigShape } from '../../subgraphs/inventory/src/config';
import { ordersConfigShape } from '../../subgraphs/orders/src/config';
import { usersConfigShape } from '../../subgraphs/users/src/config';

/** The environment variables each backend service reads, from its validated configuration shape. */
const SHAPES: Record<string, Record<string, unknown>> = {
  router: routerConfigShape,
  users: usersConfigShape,
  inventory: inventoryConfigShape,
  orders: ordersConfigShape,
};

/** The backend services, by name. */
export const BACKEND_SERVICES = Object.keys(SHAPES);

/**
 * Whether `service` reads `variable`: a key of its configuration shape, the router's `SUBGRAPH_URL_<NAME>`, or the
 * OpenTelemetry SDK's `OTEL_*` (packages/platform/src/tracing.ts). A deployment setting nothing reads is a typo.
 */
export function readsSetting(service: string, variable: string): boolean {
  const shape = SHAPES[service];
  if (!shape) throw new Error(`unknown service ${service}`);
  if (variable in shape || variable.startsWith('OTEL_')) return true;
  return service === 'router' && /^SUBGRAPH_URL_[A-Z0-9_]+$/.test(variable);
}
