import { type AuditLog, Dec, ErrorCode, type EventBus, type Identity, parsePositiveDecimal, PRICE_SCALE, userError } from '@trading/platform';
import type { AssetChanges, AssetRecord, AssetStore } from '../data/assets';
import type { CreateAssetInput, UpdateAssetInput } from '../generated/resolvers';
import { normaliseSymbol } from './catalog';
import type { MarketRecorder } from './market';
import { MAX_PRICE, PRICE_CHANGED, type PriceChangedEvent } from './prices';

const MAX_MARKET_CAP = new Dec('1000000000000000');

function text(value: string, field: string, max: number, min = 1): string {
  const trimmed = value.trim();
  if ([...trimmed].length < min || [...trimmed].length > max || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw userError(ErrorCode.BAD_USER_INPUT, `${field} must be ${min} to ${max} characters without control characters`, { field });
  }
  return trimmed;
}

const price = (raw: string, field: string) => parsePositiveDecimal(raw, { field, scale: PRICE_SCALE, max: MAX_PRICE });
const marketCap = (raw: string, field: string) => parsePositiveDecimal(raw, { field, scale: 2, max: MAX_MARKET_CAP, allowZero: true });

/** Who performs an admin action, and where it is recorded. */
export interface AdminAction {
  actor: Identity;
  audit: AuditLog;
  clientIp?: string;
  requestId?: string;
}

function recordAction(action: AdminAction, details: Record<string, unknown>): Promise<void> {
  return action.audit.record({
    action: 'ADMIN_ACTION',
    outcome: 'SUCCESS',
    actorId: action.actor.userId,
    actorRole: action.actor.role,
    ...(action.clientIp ? { ip: action.clientIp } : {}),
    ...(action.requestId ? { requestId: action.requestId } : {}),
    details,
  });
}

/** Adds an asset: CONFLICT when the symbol is taken. Audited. */
export async function createAsset(assets: AssetStore, action: AdminAction, input: CreateAssetInput): Promise<AssetRecord> {
  const record: AssetRecord = {
    symbol: normaliseSymbol(input.symbol, 'input.symbol'),
    name: text(input.name, 'input.name', 100),
    description: text(input.description, 'input.description', 500, 0),
    category: input.category,
    price: price(input.price, 'input.price'),
    change24h: new Dec(0),
    marketCap: input.marketCap == null ? new Dec(0) : marketCap(input.marketCap, 'input.marketCap'),
    active: true,
    updatedAt: new Date().toISOString(),
  };
  // Its history starts now: no simulated past for an asset an admin adds.
  record.historyFrom = record.updatedAt;
  if (!(await assets.addIfMissing(record)))
    throw userError(ErrorCode.CONFLICT, `An asset with the symbol ${record.symbol} exists`, { field: 'input.symbol' });
  await recordAction(action, { operation: 'createAsset', symbol: record.symbol, before: null, after: record });
  return record;
}

/**
 * Changes an asset; a new price is published to PRICE_CHANGED and recorded like a tick of its own (MARKET_TICKED,
 * the candles). Audited with the asset before and after.
 */
export async function updateAsset(
  assets: AssetStore,
  events: EventBus,
  market: MarketRecorder,
  action: AdminAction,
  rawSymbol: string,
  input: UpdateAssetInput,
): Promise<AssetRecord> {
  const symbol = normaliseSymbol(rawSymbol);
  const changes: AssetChanges = {};
  if (input.name != null) changes.name = text(input.name, 'input.name', 100);
  if (input.description != null) changes.description = text(input.description, 'input.description', 500, 0);
  if (input.category != null) changes.category = input.category;
  if (input.price != null) changes.price = price(input.price, 'input.price');
  if (input.marketCap != null) changes.marketCap = marketCap(input.marketCap, 'input.marketCap');
  if (input.active != null) changes.active = input.active;
  if (Object.keys(changes).length === 0) {
    const current = await assets.get(symbol);
    if (!current) throw userError(ErrorCode.NOT_FOUND, `There is no asset with the symbol ${symbol}`, { field: 'symbol' });
    return current;
  }
  const before = await assets.update(symbol, changes);
  const after: AssetRecord = { ...before, ...changes };
  await recordAction(action, { operation: 'updateAsset', symbol, before, after });
  if (changes.price && !changes.price.eq(before.price)) {
    const event: PriceChangedEvent = {
      symbol,
      price: after.price.toFixed(),
      previousPrice: before.price.toFixed(),
      changedAt: new Date().toISOString(),
    };
    await events.publish(PRICE_CHANGED, event);
    await market.recordChanges([event]);
  }
  return after;
}
