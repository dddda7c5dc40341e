import type { ReactNode } from 'react';
import { ListMore } from './list-more';
import { LoadState } from './load-state';
import { asLoaded, type Paged } from './use-paged';

/**
 * A list that loads page by page, the way every list page shows one: loading and failure
 * (LoadState), the empty message only once nothing is left to fetch (a filtered page may come back
 * empty with more to search), then the rows and their foot (ListMore).
 */
export function PagedList<T>({
  paged,
  words,
  empty,
  label,
  children,
}: {
  paged: Paged<T>;
  words: { loading: string; failed: string; retry: string };
  /** Shown when the list holds nothing and there is nothing more to fetch. */
  empty: ReactNode;
  /** The accessible name of the list's foot. */
  label: string;
  children(items: T[]): ReactNode;
}) {
  return (
    <LoadState loaded={asLoaded(paged)} words={words}>
      {(items) =>
        items.length === 0 && !paged.next && !paged.loadingMore ? (
          empty
        ) : (
          <>
            {children(items)}
            <ListMore paged={paged} label={label} />
          </>
        )
      }
    </LoadState>
  );
}
