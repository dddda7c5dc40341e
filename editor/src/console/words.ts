import { makeUseWords } from '../shared/use-words';

/** The console shell's own words; the inbox and tickets keep theirs next to them. */
const words = {
  appName: { en: 'Kefu', zh: '客服' },
  mainNav: { en: 'Main', zh: '主导航' },
  inbox: { en: 'Inbox', zh: '收件箱' },
  conversations: { en: 'All conversations', zh: '全部会话' },
  tickets: { en: 'Tickets', zh: '工单' },
  contacts: { en: 'Contacts', zh: '联系人' },
  settings: { en: 'Settings', zh: '设置' },
  kb: { en: 'Knowledge base', zh: '知识库' },
  audit: { en: 'Audit log', zh: '审计日志' },
  analytics: { en: 'Analytics', zh: '数据分析' },
  operations: { en: 'Operations', zh: '运行状态' },
  notForYou: { en: 'This page is not open to your role.', zh: '您的角色无法打开此页面。' },
  goHome: { en: 'Go to your start page', zh: '前往您的首页' },
  designer: { en: 'Flow designer', zh: '流程设计器' },
  signInTitle: { en: 'Sign in to the service desk', zh: '登录客服工作台' },
  signOut: { en: 'Sign out', zh: '退出登录' },
  loading: { en: 'Loading…', zh: '加载中…' },
  loadFailed: { en: 'Could not reach the server.', zh: '无法连接服务器。' },
  retry: { en: 'Retry', zh: '重试' },
  presence: { en: 'My status', zh: '我的状态' },
  online: { en: 'Online', zh: '在线' },
  away: { en: 'Away', zh: '离开' },
  offline: { en: 'Offline', zh: '离线' },
  capacity: { en: 'Max chats', zh: '最多会话' },
  load: { en: 'chats now', zh: '当前会话' },
  presenceFailed: { en: 'Could not change your status.', zh: '无法更改状态。' },
  notFound: { en: 'Nothing here.', zh: '此页面不存在。' },
} as const;

export const useConsoleWords = makeUseWords(words);
