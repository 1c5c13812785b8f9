export { readAuthorizationPolicy, type AuthorizationPolicy } from './policy';
export { authorizeOperation, selectOperation, type AuthorizationResult, type AuthorizeOperationInput, type Filtered, type Unchanged } from './filter';
export { callerFor, scopesOf } from './scopes';
export type { Caller, Requirement } from './requirement';
export type { ResponseData } from './shape';
export { AuthorizationDecisions, type Decision } from './decisions';
