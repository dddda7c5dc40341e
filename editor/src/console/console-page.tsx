import { InboxPage } from '../inbox/inbox-page';
import { AllConversationsPage } from '../inbox/all-conversations-page';
import { TicketsPage } from '../tickets/tickets-page';
import { ContactsPage } from '../contacts/contacts-page';
import { WidgetSettings } from '../settings/widget-settings';
import { ChannelSettings } from '../settings/channel-settings';
import { TeamSettings } from '../settings/team-settings';
import { InviteSettings } from '../settings/invite-settings';
import { AgentSettings } from '../settings/agent-settings';
import { BusinessHoursSettings } from '../settings/business-hours-settings';
import { SettingsSections } from '../settings/settings-sections';
import { KbPage } from '../kb/kb-page';
import { CannedSettings } from '../settings/canned-settings';
import { SlaSettings } from '../settings/sla-settings';
import { AuditPage } from '../audit/audit-page';
import type { Route } from './router';
import { useConsoleWords } from './words';

/** The page a route names. */
export function ConsolePage({ route }: { route: Route }) {
  const { t } = useConsoleWords();
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
          <BusinessHoursSettings />
          <CannedSettings />
          <SlaSettings />
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
    default:
      return <p className="page-state muted">{t('notFound')}</p>;
  }
}
