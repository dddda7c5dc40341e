import { useT } from './i18n';
import type { DraftDiff } from './version-diff';

export function DiffSummary({ diff }: { diff: DraftDiff }) {
  const { t } = useT();
  return (
    <p className="diff-summary" data-testid="diff-summary">
      <span className="diff-added">
        +{diff.added.length} {t('added')}
      </span>{' '}
      ·{' '}
      <span className="diff-removed">
        −{diff.removed.length} {t('removed')}
      </span>{' '}
      ·{' '}
      <span className="diff-changed">
        ~{diff.changed.length} {t('changed')}
      </span>{' '}
      · {diff.edgesAdded + diff.edgesRemoved} {t('edgesChanged')}
      {diff.removed.length > 0 && <small> ({diff.removed.join(', ')})</small>}
    </p>
  );
}
