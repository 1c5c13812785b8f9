import { useState } from 'react';
import { toDec } from '../money/decimal';
import { formatPrice } from '../money/format';

/**
 * A price that flashes green when it rises and red when it falls. The direction is derived while rendering (React's
 * pattern for state that follows a prop), and the key restarts the CSS animation on every change.
 */
export function LivePrice({ price, className = '' }: { price: string; className?: string }) {
  const [seen, setSeen] = useState<{ price: string; direction: 'up' | 'down' | null; changes: number }>({ price, direction: null, changes: 0 });
  if (seen.price !== price) {
    setSeen({ price, direction: toDec(price).gte(toDec(seen.price)) ? 'up' : 'down', changes: seen.changes + 1 });
  }
  const flash = seen.direction ? ` flash-${seen.direction}` : '';
  return (
    <span key={seen.changes} className={`num${flash} ${className}`.trim()}>
      {formatPrice(price)}
    </span>
  );
}
