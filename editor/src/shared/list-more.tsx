import { makeUseWords } from './use-words';
import type { Paged } from './use-paged';

const useWords = makeUseWords({
  showing: { en: 'Showing', zh: '显示' },
  of: { en: 'of', zh: '/ 共' },
  more: { en: 'Load more', zh: '加载更多' },
  searching: { en: 'Searching older…', zh: '正在搜索更早的…' },
  searchedTo: { en: 'Searched back to', zh: '已搜索到' },
  searchOlder: { en: 'Search further', zh: '继续搜索' },
  failed: { en: 'Could not load more.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
});

/**
 * The foot of a list that loads more: how many are shown (of how many, when known), and either
 * "Load more", or, after a search that stopped before it filled a page, how far back it looked
 * and a button to look further. Honest about a short page rather than pretending the list ended.
 */
export function ListMore<T>({ paged, label }: { paged: Paged<T>; label: string }) {
  const { t, lang } = useWords();
  const count = paged.items.length;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <nav className="list-more" aria-label={label}>
      <span className="muted" role="status">
        {t('showing')} {count}
        {paged.total !== undefined && (
          <>
            {' '}
            {t('of')} {paged.total}
          </>
        )}
        {paged.loadingMore && <> · {t('searching')}</>}
        {!paged.loadingMore && paged.scannedTo && (
          <>
            {' '}
            · {t('searchedTo')} {when(paged.scannedTo)}
          </>
        )}
      </span>
      {paged.state === 'failed' && paged.items.length > 0 && (
        <span role="alert">
          {t('failed')} <button onClick={paged.more}>{t('retry')}</button>
        </span>
      )}
      {paged.next && !paged.loadingMore && paged.state !== 'failed' && (
        <button type="button" onClick={paged.more}>
          {paged.scannedTo ? t('searchOlder') : t('more')}
        </button>
      )}
    </nav>
  );
}
