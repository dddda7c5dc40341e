import { InboxPage } from '../inbox/inbox-page';
import { AllConversationsPage } from '../inbox/all-conversations-page';
import { TicketsPage } from '../tickets/tickets-page';
import { ContactsPage } from '../contacts/contacts-page';
import { WidgetSettings } from '../settings/widget-settings';
import { ChannelSettings } from '../settings/channel-settings';
import { TeamSettings } from '../settings/team-settings';
import { InviteSettings } from '../settings/invite-settings';
import { AgentSettings } from '../settings/agent-settings';
import { PersonalDataSettings } from '../settings/personal-data-settings';
import { BusinessHoursSettings } from '../settings/business-hours-settings';
import { SettingsSections } from '../settings/settings-sections';
import { KbPage } from '../kb/kb-page';
import { CannedSettings } from '../settings/canned-settings';
import { SlaSettings } from '../settings/sla-settings';
import { SensitiveWordsSettings } from '../settings/sensitive-words-settings';
import { RetentionSettingsSection } from '../settings/retention-settings';
import { AuditPage } from '../audit/audit-page';
import { AnalyticsPage } from '../analytics/analytics-page';
import { OperationsPage } from '../operations/operations-page';
import { AlertRulesSettings } from '../operations/alert-rules-settings';
import { canOpen, guarded, landingOf } from './page-access';
import { hrefOf, type Route } from './router';
import { useMe } from './session';
import { useConsoleWords } from './words';

/** The page a route names, when the signed-in user may open it. */
export function ConsolePage({ route }: { route: Route }) {
  const { t } = useConsoleWords();
  const roles = useMe().user.roles;
  if (
    route.page !== 'unknown' &&
    route.page !== 'signup' &&
    guarded(route.page) &&
    !canOpen(route.page, roles)
  )
    return (
      <div className="page-state" role="alert">
        <p>{t('notForYou')}</p>
        <a href={hrefOf(landingOf(roles))}>{t('goHome')}</a>
      </div>
    );
  switch (route.page) {
    case 'inbox':
      return <InboxPage selectedId={route.id} />;
    case 'conversations':
      return <AllConversationsPage selectedId={route.id} />;
    case 'tickets':
      return <TicketsPage selectedId={route.id} />;
    case 'contacts':
      return <ContactsPage selectedId={route.id} />;
    case 'settings':
      return (
        <div className="settings-stack">
          <SettingsSections />
          <WidgetSettings />
          <ChannelSettings />
          <InviteSettings />
          <TeamSettings />
          <AgentSettings />
          <PersonalDataSettings />
          <BusinessHoursSettings />
          <CannedSettings />
          <SlaSettings />
          <SensitiveWordsSettings />
          <AlertRulesSettings />
          <RetentionSettingsSection />
        </div>
      );
    case 'kb':
      return (
        <div className="settings-stack">
          <KbPage />
        </div>
      );
    case 'audit':
      return <AuditPage />;
    case 'analytics':
      return <AnalyticsPage section={route.section} />;
    case 'operations':
      return (
        <div className="settings-stack">
          <OperationsPage />
        </div>
      );
    default:
      return <p className="page-state muted">{t('notFound')}</p>;
  }
}
