import { CASH_SCALE, decimalPlacesTyped, type Dec, parseAmount, toDec } from '../../money/decimal';
import { formatUsd } from '../../money/format';

export type CashMovement = 'DEPOSIT' | 'WITHDRAWAL';

/** The most one deposit may add (the users subgraph's limit). */
export const MAX_DEPOSIT = '10000000';

/**
 * Checks a deposit or withdrawal amount as the platform will: a positive USD amount in dollars and cents, a deposit
 * at most $10,000,000, a withdrawal at most the available cash. Returns the amount, or why it cannot be sent.
 */
export function checkCashAmount(kind: CashMovement, text: string, availableCash: string): { amount: Dec | null; error: string | null } {
  if (text.trim() === '') return { amount: null, error: 'Enter an amount.' };
  const amount = parseAmount(text);
  if (!amount || amount.isZero()) return { amount: null, error: 'Enter an amount above zero, e.g. 250.00.' };
  if (decimalPlacesTyped(text) > CASH_SCALE) return { amount: null, error: 'Use dollars and cents (at most 2 decimal places).' };
  if (kind === 'DEPOSIT' && amount.gt(MAX_DEPOSIT)) return { amount: null, error: `Deposit at most ${formatUsd(MAX_DEPOSIT)} at a time.` };
  if (kind === 'WITHDRAWAL' && amount.gt(toDec(availableCash)))
    return { amount: null, error: `You can withdraw at most ${formatUsd(availableCash)} (your available cash).` };
  return { amount, error: null };
}
