/** The chat's own words in English and Chinese; the widget stays small, so no i18n library. */
export type ChatLang = 'en' | 'zh';

const words = {
  title: { en: 'Chat with us', zh: '在线客服' },
  online: { en: 'Online', zh: '在线' },
  connecting: { en: 'Connecting…', zh: '连接中…' },
  offline: { en: 'Offline', zh: '离线' },
  message: { en: 'Message', zh: '消息' },
  placeholder: { en: 'Type a message…', zh: '输入消息…' },
  send: { en: 'Send', zh: '发送' },
  helpful: { en: 'Helpful?', zh: '有帮助吗？' },
  yes: { en: 'Helpful', zh: '有帮助' },
  no: { en: 'Not helpful', zh: '没帮助' },
  thanks: { en: 'Thanks for telling us', zh: '感谢反馈' },
  typing: { en: 'typing…', zh: '正在输入…' },
  agentTyping: { en: 'An agent is typing…', zh: '客服正在输入…' },
  rate: { en: 'Rate our service', zh: '为我们的服务评分' },
  star: { en: '{n} star', zh: '{n} 星' },
  stars: { en: '{n} stars', zh: '{n} 星' },
  formTitle: { en: 'Leave us a message', zh: '给我们留言' },
  formIntro: {
    en: "We'll answer by email as soon as we can.",
    zh: '我们会尽快通过邮件回复您。',
  },
  name: { en: 'Your name (optional)', zh: '您的称呼（可选）' },
  email: { en: 'Email', zh: '邮箱' },
  formMessage: { en: 'Your message', zh: '留言内容' },
  formSend: { en: 'Send message', zh: '提交留言' },
  formSending: { en: 'Sending…', zh: '提交中…' },
  formSent: { en: "Thanks! We'll reply to {email}.", zh: '已收到！我们会回复到 {email}。' },
  badEmail: { en: 'Please enter a valid email address.', zh: '请输入有效的邮箱地址。' },
  close: { en: 'Minimise chat', zh: '收起对话' },
  language: { en: '中文', zh: 'EN' },
  languageLabel: { en: 'Switch to Chinese', zh: '切换到英文' },
  sensitiveRefused: {
    en: 'Not sent: the message contains words this shop does not accept. Please reword it.',
    zh: '未发送：消息中含有本店不接受的词语，请修改后再发。',
  },
} as const satisfies Record<string, Record<ChatLang, string>>;

export type ChatWord = keyof typeof words;
export type Translate = (key: ChatWord, values?: Record<string, string | number>) => string;

export function translator(lang: ChatLang): Translate {
  return (key, values = {}) =>
    words[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

const KEY = 'kefu.chatLang';

/**
 * The chat's language: the visitor's own choice if they made one, then `?lang=` (the shop's
 * snippet may set it), then the browser's language.
 */
export function chatLang(
  search: string,
  storage: Pick<Storage, 'getItem'> | null,
  browser: readonly string[],
): ChatLang {
  const chosen = safe(() => storage?.getItem(KEY));
  if (chosen === 'en' || chosen === 'zh') return chosen;
  const param = new URLSearchParams(search).get('lang');
  if (param) return param.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return browser
    .find((l) => /^(zh|en)/i.test(l))
    ?.toLowerCase()
    .startsWith('zh')
    ? 'zh'
    : 'en';
}

export function rememberChatLang(lang: ChatLang, storage: Pick<Storage, 'setItem'> | null): void {
  safe(() => storage?.setItem(KEY, lang));
}

/** Storage can throw in a sandboxed or third-party frame; the chat works without it. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
