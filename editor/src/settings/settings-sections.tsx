import './staff-settings.css';
import { makeUseWords } from '../shared/use-words';

const useWords = makeUseWords({
  sections: { en: 'Settings sections', zh: '设置分区' },
  widget: { en: 'Chat widget', zh: '聊天挂件' },
  channels: { en: 'Email and API', zh: '邮件和 API' },
  invites: { en: 'Invites', zh: '邀请' },
  teams: { en: 'Teams', zh: '团队' },
  agents: { en: 'Agents', zh: '客服' },
  personalData: { en: 'Personal data', zh: '个人信息' },
  hours: { en: 'Business hours', zh: '营业时间' },
  canned: { en: 'Canned replies', zh: '快捷回复' },
  sla: { en: 'SLA policies', zh: 'SLA 策略' },
  sensitive: { en: 'Sensitive words', zh: '敏感词' },
  alerts: { en: 'Alerts', zh: '告警' },
  retention: { en: 'Data retention', zh: '数据保留' },
});

/** Each settings section's heading id (set by its component) and its name here. */
const SECTIONS = [
  ['widget', 'widget-settings-title'],
  ['channels', 'channel-settings-email'],
  ['invites', 'invite-settings-title'],
  ['teams', 'team-settings-title'],
  ['agents', 'agent-settings-title'],
  ['personalData', 'personal-data-title'],
  ['hours', 'business-hours-title'],
  ['canned', 'canned-settings-title'],
  ['sla', 'sla-settings-title'],
  ['sensitive', 'sensitive-words-title'],
  ['alerts', 'alert-rules-title'],
  ['retention', 'retention-settings-title'],
] as const;

/**
 * Jumps within the one long settings page. Buttons, not `#id` links: the hash is the console's route.
 */
export function SettingsSections() {
  const { t } = useWords();
  return (
    <nav aria-label={t('sections')} className="settings-sections">
      {SECTIONS.map(([key, id]) => (
        <button
          key={key}
          type="button"
          onClick={() => document.getElementById(id)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}
        >
          {t(key)}
        </button>
      ))}
    </nav>
  );
}
