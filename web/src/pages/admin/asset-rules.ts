import { decimalPlacesTyped, parseAmount } from '../../money/decimal';

/** The inventory subgraph's rules for asset fields, checked as the admin types. */
export const assetRules = {
  symbol: (value: string) => (/^[A-Za-z0-9]{1,12}$/.test(value.trim()) ? null : 'Use 1 to 12 letters or digits.'),
  name: (value: string) => {
    const length = value.trim().length;
    return length >= 1 && length <= 100 ? null : 'Use 1 to 100 characters.';
  },
  description: (value: string) => (value.length <= 500 ? null : 'Use at most 500 characters.'),
  price: (value: string) => {
    const price = parseAmount(value);
    if (!price || price.isZero()) return 'Enter a price above zero, e.g. 1.25.';
    return decimalPlacesTyped(value) > 8 ? 'Use at most 8 decimal places.' : null;
  },
  marketCap: (value: string) => {
    if (value.trim() === '') return null;
    return parseAmount(value) ? null : 'Enter an amount in USD, e.g. 1500000000.';
  },
};
