import { useState } from 'react';
import { useMe } from '../../console/session';
import { ScorePanel } from './score-panel';
import { ScoreSettingsEditor } from './score-settings';
import { useScoreWords } from './words';
import { addDays, dayIn } from '../workspace-day';

/** The four weeks up to yesterday, in the workspace's days. */
function lastFourWeeks(timeZone: string) {
  const to = addDays(dayIn(new Date(), timeZone), -1);
  return { from: addDays(to, -27), to };
}

/** The analytics section `score`: the panel over a chosen range, and the weights and targets. */
export function ScoreSection() {
  const { t } = useScoreWords();
  const me = useMe();
  const [range, setRange] = useState(() => lastFourWeeks(me.workspace.timeZone));
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
