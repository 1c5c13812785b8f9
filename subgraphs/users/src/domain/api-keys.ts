import {
  API_SCOPES,
  type ApiKeyHasher,
  type ApiKeyRecord,
  type ApiKeyStore,
  type AuditLog,
  ErrorCode,
  type Identity,
  isAllowlistEntry,
  MAX_ALLOWED_IPS,
  newApiKeySecret,
  type RevokedSessions,
  userError,
} from '@trading/platform';
import { GraphQLError } from 'graphql';
import type { CreateApiKeyInput } from '../generated/resolvers';

/** What managing API keys needs, for one request. */
export interface ApiKeyDeps {
  apiKeys: ApiKeyStore;
  apiKeyHasher: ApiKeyHasher;
  revoked: RevokedSessions;
  audit: AuditLog;
  clientIp?: string;
  requestId?: string;
}

const NAME_LENGTH = 64;
const KEY_ID = /^[0-9a-f]{24}$/;

function invalid(field: string, message: string) {
  return userError(ErrorCode.BAD_USER_INPUT, message, { field });
}

/** The input as it will be stored, or BAD_USER_INPUT naming the field at fault. */
function validInput(input: CreateApiKeyInput, now: Date): Pick<ApiKeyRecord, 'name' | 'scopes' | 'expiresAt' | 'allowedIps'> {
  const name = input.name.trim();
  // Control characters would garble the list a person reads (and logs).
  if (name.length < 1 || name.length > NAME_LENGTH || /\p{Cc}/u.test(name)) {
    throw invalid('name', `name must be 1 to ${NAME_LENGTH} printable characters`);
  }
  const scopes = API_SCOPES.filter((scope) => input.scopes.includes(scope));
  if (scopes.length === 0) throw invalid('scopes', `scopes must name at least one of ${API_SCOPES.join(', ')}`);
  let expiresAt: string | null = null;
  if (input.expiresAt) {
    if (input.expiresAt.getTime() <= now.getTime()) throw invalid('expiresAt', 'expiresAt must be in the future');
    expiresAt = input.expiresAt.toISOString();
  }
  const allowedIps = [...new Set((input.allowedIps ?? []).map((entry) => entry.trim()))];
  if (allowedIps.length > MAX_ALLOWED_IPS) throw invalid('allowedIps', `allowedIps holds at most ${MAX_ALLOWED_IPS} entries`);
  const wrong = allowedIps.find((entry) => !isAllowlistEntry(entry));
  if (wrong !== undefined)
    throw invalid('allowedIps', `allowedIps entries are IP addresses or CIDR ranges: ${JSON.stringify(wrong.slice(0, 60))} is neither`);
  return { name, scopes, expiresAt, allowedIps };
}

function audited(deps: ApiKeyDeps) {
  return { ...(deps.clientIp ? { ip: deps.clientIp } : {}), ...(deps.requestId ? { requestId: deps.requestId } : {}) };
}

/** Creates a key for the signed-in caller; its secret is in the answer and nowhere else. */
export async function createApiKey(deps: ApiKeyDeps, caller: Identity, input: CreateApiKeyInput): Promise<{ secret: string; apiKey: ApiKeyRecord }> {
  const now = new Date();
  const fields = validInput(input, now);
  const { id, secret } = newApiKeySecret();
  const record: ApiKeyRecord = {
    id,
    userId: caller.userId,
    role: caller.role,
    ...fields,
    hash: deps.apiKeyHasher.hash(secret),
    createdAt: now.toISOString(),
  };
  try {
    await deps.apiKeys.create(record);
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.reason !== 'TOO_MANY_API_KEYS') throw error;
    await deps.audit.record({
      action: 'API_KEY_CREATED',
      outcome: 'DENIED',
      actorId: caller.userId,
      actorRole: caller.role,
      subjectId: caller.userId,
      reason: 'TOO_MANY_API_KEYS',
      ...audited(deps),
    });
    throw error;
  }
  await deps.audit.record({
    action: 'API_KEY_CREATED',
    outcome: 'SUCCESS',
    actorId: caller.userId,
    actorRole: caller.role,
    subjectId: caller.userId,
    details: { keyId: id, name: fields.name, scopes: fields.scopes, expiresAt: fields.expiresAt, allowedIps: fields.allowedIps },
    ...audited(deps),
  });
  return { secret, apiKey: record };
}

/**
 * Revokes a key of the caller: stored as revoked, then its session (`apikey:<id>`) ended, which every router and
 * subgraph refuses at once and which closes the sockets and streams opened with it.
 */
export async function revokeApiKey(deps: ApiKeyDeps, caller: Identity, id: string): Promise<boolean> {
  if (!KEY_ID.test(id)) throw invalid('id', 'id is not the id of an API key');
  const revoked = await deps.apiKeys.revoke(caller.userId, id, new Date());
  if (!revoked) return false;
  await deps.revoked.revoke(`apikey:${id}`);
  await deps.audit.record({
    action: 'API_KEY_REVOKED',
    outcome: 'SUCCESS',
    actorId: caller.userId,
    actorRole: caller.role,
    subjectId: caller.userId,
    details: { keyId: id },
    ...audited(deps),
  });
  return true;
}
