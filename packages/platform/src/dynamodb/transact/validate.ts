import dynaliteDb = require('dynalite/db');
import validations = require('dynalite/validations');
import putItemValidation = require('dynalite/validations/putItem');
import updateItemValidation = require('dynalite/validations/updateItem');
import deleteItemValidation = require('dynalite/validations/deleteItem');
import getItemValidation = require('dynalite/validations/getItem');
import { validationError } from './errors';

export type WriteKind = 'ConditionCheck' | 'Put' | 'Update' | 'Delete';
export type OperationKind = WriteKind | 'Get';

/** One request item after shape and expression validation, before its table is looked up. */
export interface ParsedOperation {
  kind: OperationKind;
  tableName: string;
  /** Input for dynalite's matching single-item action, with `_condition`/`_updates`/`_projection` parsed. */
  data: dynaliteDb.RequestData;
  returnOldOnConditionFailure: boolean;
}

/** A parsed item bound to its table and its storage key (the per-item lock key). */
export interface ResolvedOperation extends ParsedOperation {
  table: dynaliteDb.TableDescription;
  key: string;
}

export interface ParsedRequest {
  operations: ParsedOperation[];
  clientRequestToken?: string;
}

type Validation = typeof putItemValidation;

interface KindSpec {
  validation: Validation;
  fields: string[];
  required: string[];
}

const EXPRESSION_FIELDS = ['TableName', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];

// Transaction items accept only the expression forms of the single-item APIs; unknown fields are dropped by
// dynalite's checkTypes, exactly as for its own actions.
const KINDS: Record<OperationKind, KindSpec> = {
  ConditionCheck: {
    validation: deleteItemValidation,
    fields: [...EXPRESSION_FIELDS, 'Key'],
    required: ['ConditionExpression'],
  },
  Put: { validation: putItemValidation, fields: [...EXPRESSION_FIELDS, 'Item'], required: [] },
  Update: {
    validation: updateItemValidation,
    fields: [...EXPRESSION_FIELDS, 'Key', 'UpdateExpression'],
    required: ['UpdateExpression'],
  },
  Delete: { validation: deleteItemValidation, fields: [...EXPRESSION_FIELDS, 'Key'], required: [] },
  Get: {
    validation: getItemValidation,
    fields: ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'],
    required: [],
  },
};

const WRITE_KINDS: WriteKind[] = ['ConditionCheck', 'Put', 'Update', 'Delete'];

function kindTypes(kind: OperationKind): Record<string, unknown> {
  const spec = KINDS[kind];
  const types: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const type = spec.validation.types[field];
    types[field] = spec.required.includes(field) ? { ...(type as object), notNull: true } : type;
  }
  if (kind !== 'Get') types.ReturnValuesOnConditionCheckFailure = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
  return types;
}

function envelopeTypes(itemKinds: OperationKind[], itemShape: string): Record<string, unknown> {
  const children: Record<string, unknown> = {};
  for (const kind of itemKinds) children[kind] = { type: `FieldStruct<${kind}>`, children: kindTypes(kind) };
  return {
    ClientRequestToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 36 },
    ReturnConsumedCapacity: { type: 'String', enum: ['INDEXES', 'TOTAL', 'NONE'] },
    ReturnItemCollectionMetrics: { type: 'String', enum: ['SIZE', 'NONE'] },
    TransactItems: {
      type: 'List',
      notNull: true,
      lengthGreaterThanOrEqual: 1,
      lengthLessThanOrEqual: 100,
      children: { type: `ValueStruct<${itemShape}>`, children },
    },
  };
}

const WRITE_TYPES = envelopeTypes(WRITE_KINDS, 'TransactWriteItem');
const GET_TYPES = envelopeTypes(['Get'], 'TransactGetItem');
delete GET_TYPES.ReturnItemCollectionMetrics;
delete GET_TYPES.ClientRequestToken;

/**
 * Validates a TransactWriteItems/TransactGetItems body with dynalite's own type checks, constraint messages
 * (`transactItems.1.member.put.tableName`) and per-action expression validation. Mutates nothing it is given.
 */
export function parseTransactRequest(body: Record<string, unknown>, isWrite: boolean, store: dynaliteDb.Store): ParsedRequest {
  const types = isWrite ? WRITE_TYPES : GET_TYPES;
  // Dynalite's validators delete unknown fields and normalise numbers in place.
  const data = validations.checkTypes(structuredClone(body), types);
  validations.checkValidations(data, types, undefined, store);

  const items = data.TransactItems as Record<string, dynaliteDb.RequestData | undefined>[];
  const allowed: OperationKind[] = isWrite ? WRITE_KINDS : ['Get'];
  const operations = items.map((item): ParsedOperation => {
    const present = allowed.filter((kind) => item[kind] != null);
    const [kind] = present;
    if (present.length !== 1 || kind === undefined) {
      throw validationError(
        isWrite ? 'TransactItems can only contain one of Check, Put, Update or Delete' : 'TransactItems can only contain one Get',
      );
    }
    const op = item[kind] as dynaliteDb.RequestData;
    const returnOld = op.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    delete op.ReturnValuesOnConditionCheckFailure;
    const message = KINDS[kind].validation.custom(op, store);
    if (message) throw validationError(message);
    return { kind, tableName: op.TableName as string, data: op, returnOldOnConditionFailure: returnOld };
  });

  const token = data.ClientRequestToken;
  return typeof token === 'string' ? { operations, clientRequestToken: token } : { operations };
}

function getTable(store: dynaliteDb.Store, name: string): Promise<dynaliteDb.TableDescription> {
  return new Promise((resolve, reject) => {
    store.getTable(name, (err, table) => (err || !table ? reject(err) : resolve(table)));
  });
}

/**
 * Looks up each table (ResourceNotFoundException when missing), validates keys, items and update targets
 * against the schema, computes storage keys and refuses two operations on one item.
 */
export async function resolveOperations(store: dynaliteDb.Store, operations: ParsedOperation[]): Promise<ResolvedOperation[]> {
  const tables = new Map<string, dynaliteDb.TableDescription>();
  for (const op of operations) {
    if (!tables.has(op.tableName)) tables.set(op.tableName, await getTable(store, op.tableName));
  }

  const seen = new Set<string>();
  return operations.map((op): ResolvedOperation => {
    const table = tables.get(op.tableName) as dynaliteDb.TableDescription;
    const keySource = (op.kind === 'Put' ? op.data.Item : op.data.Key) as dynaliteDb.Item;
    const invalid =
      op.kind === 'Put'
        ? dynaliteDb.validateItem(keySource, table)
        : (dynaliteDb.validateKey(keySource, table) ??
          (op.kind === 'Update' ? dynaliteDb.validateUpdates(undefined, op.data._updates, table) : undefined) ??
          (op.kind === 'Get'
            ? dynaliteDb.validateKeyPaths((op.data._projection as { nestedPaths?: unknown } | undefined)?.nestedPaths, table)
            : undefined));
    if (invalid) throw invalid;

    const key = dynaliteDb.createKey(keySource, table);
    const identity = `${op.tableName}\u0000${key}`;
    if (seen.has(identity)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
    return { ...op, table, key };
  });
}
