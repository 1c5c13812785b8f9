export * from './ledger';
export * from './reads';
export * from './backfill';
export * from './reconciliation';
