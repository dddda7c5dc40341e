import { LangSwitch } from '../flows/lang-switch';
import { apiCall } from '../shared/http';
import { PresenceSwitch } from './presence-switch';
import { canOpen } from './page-access';
import { hrefOf, type Page, type Route } from './router';
import { useMe } from './session';
import { useConsoleWords } from './words';
import { useInboxBadge } from '../inbox/new-work-alert';

/** The console's header: where to go, who I am, my presence, the language. */
export function ConsoleNav({ route, onSignedOut }: { route: Route; onSignedOut(): void }) {
  const { t } = useConsoleWords();
  const me = useMe();
  const unread = useInboxBadge((s) => s.count);
  const roles = me.user.roles;
  const link = (page: Page, label: string, badge?: number) =>
    canOpen(page, roles) && (
      <a href={hrefOf(page)} aria-current={route.page === page ? 'page' : undefined}>
        {label}
        {badge ? (
          <span className="badge" aria-label={`${badge}`}>
            {badge}
          </span>
        ) : null}
      </a>
    );
  const signOut = async () => {
    await apiCall('DELETE', '/session').catch(() => {});
    onSignedOut();
  };
  return (
    <header className="console-header">
      <strong className="brand">{t('appName')}</strong>
      <nav aria-label={t('mainNav')} className="console-nav">
        {link('inbox', t('inbox'), unread)}
        {link('conversations', t('conversations'))}
        {link('tickets', t('tickets'))}
        {link('contacts', t('contacts'))}
        {link('kb', t('kb'))}
        {link('settings', t('settings'))}
        {link('audit', t('audit'))}
        {link('analytics', t('analytics'))}
        {link('operations', t('operations'))}
        <a href="/designer/">{t('designer')}</a>
      </nav>
      <div className="console-tools">
        {/* Presence is an agent's: analysts take no work (and /agents/me is not theirs). */}
        {canOpen('inbox', roles) && <PresenceSwitch />}
        <LangSwitch />
        <span className="muted small" title={me.user.email}>
          {me.user.name} · {me.workspace.name}
        </span>
        <button onClick={() => void signOut()}>{t('signOut')}</button>
      </div>
    </header>
  );
}
