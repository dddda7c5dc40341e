import { FlowFunnel } from './flow-funnel';
import { KpiDashboard } from './dashboard/kpi-dashboard';
import { ReportsSection } from './reports/reports-section';
import { RunExplorer } from './run-explorer';
import { SplitComparison } from './split-comparison';
import { ScoreSection } from './score/score-section';
import { useAnalyticsWords } from './words';
import './analytics.css';

/** The analytics sections, each at `#/analytics/<section>`; the first is the area's landing page. */
const SECTIONS = ['dashboard', 'runs', 'funnel', 'splits', 'score', 'reports'] as const;

/**
 * The analytics area (`#/analytics`): where analysts land. Everything here is read-only; the API
 * lets owners and analysts read it (ANALYTICS_READERS) and refuses agents.
 */
export function AnalyticsPage({ section }: { section?: string | undefined }) {
  const { t } = useAnalyticsWords();
  const current = SECTIONS.find((s) => s === section) ?? SECTIONS[0];
  return (
    <div className="analytics-page">
      <h1>{t('title')}</h1>
      <nav className="analytics-sections" aria-label={t('sections')}>
        {SECTIONS.map((s) => (
          <a key={s} href={`#/analytics/${s}`} aria-current={s === current ? 'page' : undefined}>
            {t(s)}
          </a>
        ))}
      </nav>
      {current === 'dashboard' && <KpiDashboard />}
      {current === 'runs' && <RunExplorer />}
      {current === 'splits' && <SplitComparison />}
      {current === 'funnel' && <FlowFunnel />}
      {current === 'score' && <ScoreSection />}
      {current === 'reports' && <ReportsSection />}
    </div>
  );
}
