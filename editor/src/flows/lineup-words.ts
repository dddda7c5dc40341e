import type { LocalText } from '@kefu/nodes';
import { findNode } from '@kefu/nodes';
import type { EntryFilter } from './flow-store-api';
import { useT, type Lang } from './i18n';

/** Words of the live-flow lineups, the entry filters and the publish and rollback confirmations. */
const words = {
  liveTitle: { en: 'Live flows, in the order they are tried', zh: '生效中的流程（按尝试顺序）' },
  liveHint: {
    en: 'When a trigger fires, the first live flow whose filters match starts. A conversation whose run is still going stays with that run.',
    zh: '触发时，按顺序第一个筛选条件匹配的生效流程开始运行。运行尚未结束的会话仍由该运行处理。',
  },
  noLive: {
    en: 'No flow is live yet. Publish one from the designer.',
    zh: '还没有生效的流程。请在设计器中发布。',
  },
  moveUp: { en: 'Move up', zh: '上移' },
  moveDown: { en: 'Move down', zh: '下移' },
  editFilters: { en: 'Filters', zh: '筛选条件' },
  unpublish: { en: 'Unpublish', zh: '停用' },
  confirmUnpublish: {
    en: 'Unpublish this flow? New conversations will no longer start it; running ones finish.',
    zh: '停用此流程？新会话将不再启动它；进行中的运行会完成。',
  },
  cancel: { en: 'Cancel', zh: '取消' },
  save: { en: 'Save', zh: '保存' },
  actionFailed: { en: 'That did not work; try again.', zh: '操作失败，请重试。' },
  anyEvent: { en: 'every event', zh: '所有事件' },
  channels: { en: 'Channels', zh: '渠道' },
  hours: { en: 'Business hours', zh: '营业时间' },
  hoursAny: { en: 'any time', zh: '任何时间' },
  hoursOpen: { en: 'in business hours', zh: '营业时间内' },
  hoursClosed: { en: 'out of hours', zh: '营业时间外' },
  contactTags: { en: 'Contact tags (any of, comma-separated)', zh: '联系人标签（任一，逗号分隔）' },
  tagged: { en: 'tagged', zh: '标签' },
  publishTitle: { en: 'Publish this flow?', zh: '发布此流程？' },
  alsoLive: { en: 'Also live for this trigger:', zh: '此触发器下还有这些生效流程：' },
  aloneLive: {
    en: 'No other flow is live for this trigger.',
    zh: '此触发器下没有其他生效流程。',
  },
  goesLast: {
    en: 'This flow goes live after them: it starts only for events none of them takes. Change the order in the flow list.',
    zh: '此流程排在它们之后：只有它们都不处理的事件才会启动它。可在流程列表中调整顺序。',
  },
  keepsPlace: {
    en: 'This flow is live already; the new version keeps its place',
    zh: '此流程已生效；新版本保持原有位置',
  },
  confirmPublish: { en: 'Publish', zh: '发布' },
  rollbackTitle: { en: 'Roll back to version', zh: '回滚到版本' },
  rollbackBody: {
    en: 'Its draft is published again as a new version and goes live now; the draft you are editing stays as it is.',
    zh: '该版本的草稿会作为新版本重新发布并立即生效；你正在编辑的草稿保持不变。',
  },
  confirmRollback: { en: 'Roll back', zh: '回滚' },
  position: { en: 'No.', zh: '第' },
} satisfies Record<string, LocalText>;

export type LineupWord = keyof typeof words;

const CHANNEL_NAMES: Record<string, LocalText> = {
  web: { en: 'web chat', zh: '网页聊天' },
  email: { en: 'email', zh: '邮件' },
  api: { en: 'API', zh: 'API' },
};
export const ENTRY_CHANNELS = ['web', 'email', 'api'] as const;

export function useLineupT() {
  const { lang, lt } = useT();
  return { lang, lt, w: (key: LineupWord) => words[key][lang] };
}

export const channelName = (channel: string, lang: Lang) => CHANNEL_NAMES[channel]?.[lang] ?? channel;

/** The trigger's name from the catalog (its trigger node's label). */
export const triggerName = (trigger: string, lang: Lang) => findNode(trigger)?.editor.label[lang] ?? trigger;

/** An entry filter in words: "web chat, email · hours closed · tagged vip". */
export function entrySummary(entry: EntryFilter, lang: Lang): string {
  const parts: string[] = [];
  if (entry.channels?.length)
    parts.push(entry.channels.map((c) => channelName(c, lang)).join(lang === 'zh' ? '、' : ', '));
  if (entry.hours) parts.push(words[entry.hours === 'open' ? 'hoursOpen' : 'hoursClosed'][lang]);
  if (entry.contactTags?.length) parts.push(`${words.tagged[lang]}: ${entry.contactTags.join(', ')}`);
  return parts.length ? parts.join(' · ') : words.anyEvent[lang];
}
