import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, type Database, Dec, dynamoNumber, ErrorCode, isConditionFailure, toDec, userError } from '@trading/platform';
import type { AssetCategory } from '../generated/resolvers';

/** An asset as stored. */
export interface AssetRecord {
  symbol: string;
  name: string;
  description: string;
  category: AssetCategory;
  price: Dec;
  change24h: Dec;
  marketCap: Dec;
  active: boolean;
  updatedAt: string;
  /** The reference `change24h` is measured from, kept by the price feed; absent until the feed first moves the asset. */
  open24h?: Dec;
  /** When `open24h` was taken (ISO instant). */
  open24hAt?: string;
  /**
   * Since when the asset has price history (ISO instant): the start of the simulated history backfilled for the
   * shipped catalog, or when an admin added it. Absent until then: the next start backfills it.
   */
  historyFrom?: string;
}

/** A new price and what the price feed keeps beside it. */
export interface PriceChange {
  price: Dec;
  change24h: Dec;
  open24h: Dec;
  open24hAt: string;
  updatedAt: string;
}

/** Fields an admin may change. */
export type AssetChanges = Partial<Pick<AssetRecord, 'name' | 'description' | 'category' | 'price' | 'marketCap' | 'active'>>;

/** The asset catalog in DynamoDB. */
export class AssetStore {
  constructor(private readonly db: Database) {}

  /** One asset by symbol (upper case), strongly consistent. */
  async get(symbol: string): Promise<AssetRecord | null> {
    const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tables.assets, Key: { symbol }, ConsistentRead: true }));
    return Item ? fromItem(Item) : null;
  }

  /** Several assets by symbol in as few round trips as DynamoDB allows (100 keys each); missing ones are absent. */
  async getMany(symbols: readonly string[]): Promise<Map<string, AssetRecord>> {
    const items = await batchGetItems(this.db, 'assets', 'symbol', symbols);
    return new Map(items.map((item) => [item.symbol as string, fromItem(item)]));
  }

  /** The whole catalog (about a hundred items), read page by page; `consistent` reads every write made before. */
  async all(options: { consistent?: boolean } = {}): Promise<AssetRecord[]> {
    const assets: AssetRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.doc.send(
        new ScanCommand({ TableName: this.db.tables.assets, ExclusiveStartKey: start, ...(options.consistent ? { ConsistentRead: true } : {}) }),
      );
      for (const item of page.Items ?? []) assets.push(fromItem(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return assets;
  }

  /** Adds an asset unless one with its symbol exists (prices and edits made since are kept); true if added. */
  async addIfMissing(asset: AssetRecord): Promise<boolean> {
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.db.tables.assets,
          Item: { ...asset, price: dynamoNumber(asset.price), change24h: dynamoNumber(asset.change24h), marketCap: dynamoNumber(asset.marketCap) },
          ConditionExpression: 'attribute_not_exists(symbol)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Changes an existing asset and returns it as it was before; NOT_FOUND when there is none. */
  async update(symbol: string, changes: AssetChanges): Promise<AssetRecord> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries({ ...changes, updatedAt: new Date().toISOString() }).map(([field, value]) => {
      names[`#${field}`] = field;
      values[`:${field}`] = Dec.isDecimal(value) ? dynamoNumber(value as Dec) : value;
      return `#${field} = :${field}`;
    });
    try {
      const { Attributes } = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.assets,
          Key: { symbol },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(symbol)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return fromItem(Attributes!);
    } catch (error) {
      if (isConditionFailure(error)) throw userError(ErrorCode.NOT_FOUND, `There is no asset with the symbol ${symbol}`, { field: 'symbol' });
      throw error;
    }
  }

  /**
   * Records that an asset's history was backfilled, with the 24-hour change it gives, if its price is still the one
   * the history ends at. True if written.
   */
  async markHistory(symbol: string, seenPrice: Dec, mark: HistoryMark): Promise<boolean> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.assets,
          Key: { symbol },
          UpdateExpression: 'SET #change24h = :change24h, #open24h = :open24h, #open24hAt = :open24hAt, #historyFrom = :historyFrom',
          ConditionExpression: '#price = :seenPrice',
          ExpressionAttributeNames: {
            '#price': 'price',
            '#change24h': 'change24h',
            '#open24h': 'open24h',
            '#open24hAt': 'open24hAt',
            '#historyFrom': 'historyFrom',
          },
          ExpressionAttributeValues: {
            ':change24h': dynamoNumber(mark.change24h),
            ':open24h': dynamoNumber(mark.open24h),
            ':open24hAt': mark.open24hAt,
            ':historyFrom': mark.historyFrom,
            ':seenPrice': dynamoNumber(seenPrice),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Sets an asset's price only if it is still as `seen` (same price, same `updatedAt`): a writer that read the asset
   * before someone else changed it loses instead of overwriting the newer price. True if written.
   */
  async changePriceIf(symbol: string, seen: Pick<AssetRecord, 'price' | 'updatedAt'>, change: PriceChange): Promise<boolean> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.assets,
          Key: { symbol },
          UpdateExpression: 'SET #price = :price, #change24h = :change24h, #open24h = :open24h, #open24hAt = :open24hAt, #updatedAt = :updatedAt',
          ConditionExpression: '#price = :seenPrice AND #updatedAt = :seenUpdatedAt',
          ExpressionAttributeNames: {
            '#price': 'price',
            '#change24h': 'change24h',
            '#open24h': 'open24h',
            '#open24hAt': 'open24hAt',
            '#updatedAt': 'updatedAt',
          },
          ExpressionAttributeValues: {
            ':price': dynamoNumber(change.price),
            ':change24h': dynamoNumber(change.change24h),
            ':open24h': dynamoNumber(change.open24h),
            ':open24hAt': change.open24hAt,
            ':updatedAt': change.updatedAt,
            ':seenPrice': dynamoNumber(seen.price),
            ':seenUpdatedAt': seen.updatedAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** What the backfill of an asset's price history stores beside it. */
export interface HistoryMark {
  change24h: Dec;
  open24h: Dec;
  open24hAt: string;
  historyFrom: string;
}

function fromItem(item: Record<string, unknown>): AssetRecord {
  return {
    ...(item as unknown as AssetRecord),
    price: toDec(item.price as Dec),
    change24h: toDec(item.change24h as Dec),
    marketCap: toDec(item.marketCap as Dec),
    ...(item.open24h === undefined ? {} : { open24h: toDec(item.open24h as Dec) }),
  };
}
