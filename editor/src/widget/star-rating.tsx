import { useState } from 'react';
import type { Translate } from './words';

/**
 * Five stars for a rating question. A star sends its number as the customer's answer, the same
 * text the survey step would get from a typed "4", so the flow needs nothing widget-specific.
 */
export function StarRating({ t, onRate }: { t: Translate; onRate: (rating: number) => void }) {
  const [hover, setHover] = useState(0);
  return (
    <span className="star-rating" role="group" aria-label={t('rate')} onMouseLeave={() => setHover(0)}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={n <= hover ? 'star star-lit' : 'star'}
          aria-label={t(n === 1 ? 'star' : 'stars', { n })}
          onMouseEnter={() => setHover(n)}
          onFocus={() => setHover(n)}
          onBlur={() => setHover(0)}
          onClick={() => onRate(n)}
        >
          ★
        </button>
      ))}
    </span>
  );
}
