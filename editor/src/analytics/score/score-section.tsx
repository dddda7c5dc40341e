import { useState } from 'react';
import { useMe } from '../../console/session';
import { ScorePanel } from './score-panel';
import { ScoreSettingsEditor } from './score-settings';
import { useScoreWords } from './words';

const day = (d: Date) => d.toISOString().slice(0, 10);
/** The four weeks up to yesterday. */
function lastFourWeeks(now = new Date()) {
  const to = new Date(now.getTime() - 86_400_000);
  return { from: day(new Date(to.getTime() - 27 * 86_400_000)), to: day(to) };
}

/** The analytics section `score`: the panel over a chosen range, and the weights and targets. */
export function ScoreSection() {
  const { t } = useScoreWords();
  const me = useMe();
  const [range, setRange] = useState(lastFourWeeks);
  const [groupBy, setGroupBy] = useState<'day' | 'week'>('week');
  const [version, setVersion] = useState(0);
  return (
    <div className="score-section">
      <p className="muted">{t('intro')}</p>
      <div className="score-range">
        <label>
          {t('from')}
          <input
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
          />
        </label>
        <label>
          {t('to')}
          <input
            type="date"
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
          />
        </label>
        <label>
          {t('groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'day' | 'week')}>
            <option value="day">{t('day')}</option>
            <option value="week">{t('week')}</option>
          </select>
        </label>
      </div>
      <ScorePanel key={version} range={range} groupBy={groupBy} />
      <ScoreSettingsEditor
        canEdit={me.user.roles.includes('owner')}
        onSaved={() => setVersion((v) => v + 1)}
      />
    </div>
  );
}
