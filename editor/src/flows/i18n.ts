import { create } from 'zustand';
import type { LocalText } from '@kefu/nodes';

export type Lang = 'en' | 'zh';

/** The designer's own words; node labels, titles and problems come in both languages from the catalog. */
const words = {
  appTitle: { en: 'Flow designer', zh: '流程设计器' },
  serviceDesk: { en: 'Service desk', zh: '客服工作台' },
  flows: { en: 'Flows', zh: '流程' },
  newFlow: { en: 'New blank flow', zh: '新建空白流程' },
  templates: { en: 'Start from a template', zh: '从模板开始' },
  noFlows: {
    en: 'No flows yet. Start from a blank canvas or a template.',
    zh: '还没有流程。从空白画布或模板开始。',
  },
  noTemplates: { en: 'No templates are available yet.', zh: '暂无可用模板。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  loadFailed: { en: 'Could not load', zh: '加载失败' },
  retry: { en: 'Retry', zh: '重试' },
  open: { en: 'Open', zh: '打开' },
  kind: { en: 'Kind', zh: '类型' },
  status: { en: 'Status', zh: '状态' },
  lastPublish: { en: 'Last published', zh: '最近发布' },
  never: { en: 'never', zh: '从未' },
  draft: { en: 'draft', zh: '草稿' },
  published: { en: 'published', zh: '已发布' },
  palette: { en: 'Nodes', zh: '节点' },
  searchNodes: { en: 'Search nodes', zh: '搜索节点' },
  noMatch: { en: 'No node matches.', zh: '没有匹配的节点。' },
  dragHint: { en: 'Drag a node onto the canvas', zh: '将节点拖到画布上' },
  emptyCanvas: {
    en: 'Drag a trigger from the left to start your flow.',
    zh: '从左侧拖入一个触发器开始你的流程。',
  },
  settings: { en: 'Settings', zh: '设置' },
  selectNode: { en: 'Select a node to edit its settings.', zh: '选择一个节点以编辑其设置。' },
  manySelected: { en: 'nodes selected', zh: '个节点已选中' },
  caption: { en: 'Caption on the canvas', zh: '画布上的标题' },
  problems: { en: 'Problems', zh: '问题' },
  noProblems: { en: 'No problems: this flow can be published.', zh: '没有问题：此流程可以发布。' },
  checking: { en: 'Checking…', zh: '检查中…' },
  flowLevel: { en: 'Flow', zh: '流程' },
  undo: { en: 'Undo', zh: '撤销' },
  redo: { en: 'Redo', zh: '重做' },
  duplicate: { en: 'Duplicate', zh: '复制节点' },
  copy: { en: 'Copy', zh: '复制' },
  paste: { en: 'Paste', zh: '粘贴' },
  delete: { en: 'Delete', zh: '删除' },
  tidy: { en: 'Tidy layout', zh: '整理布局' },
  fit: { en: 'Zoom to fit', zh: '适应画布' },
  snap: { en: 'Snap to grid', zh: '对齐网格' },
  publish: { en: 'Publish', zh: '发布' },
  publishing: { en: 'Publishing…', zh: '发布中…' },
  publishedVersion: { en: 'Published version', zh: '已发布版本' },
  cannotPublish: { en: 'Cannot publish: fix the problems first.', zh: '无法发布：请先解决问题。' },
  saved: { en: 'Saved', zh: '已保存' },
  saving: { en: 'Saving…', zh: '保存中…' },
  unsaved: { en: 'Unsaved changes', zh: '有未保存的更改' },
  saveFailed: { en: 'Save failed', zh: '保存失败' },
  conflict: {
    en: 'This flow was changed in another tab. Your version is kept here.',
    zh: '此流程已在另一个标签页中修改。你的版本保留在这里。',
  },
  conflictShort: { en: 'Not saved: changed elsewhere', zh: '未保存：已在别处修改' },
  keepMine: { en: 'Keep mine (overwrite)', zh: '保留我的（覆盖）' },
  loadTheirs: { en: 'Load theirs (mine is kept as a copy)', zh: '加载对方的（我的另存为副本）' },
  versions: { en: 'Versions', zh: '版本' },
  noVersions: { en: 'Not published yet.', zh: '尚未发布。' },
  rollback: { en: 'Roll back to this', zh: '回滚到此版本' },
  compare: { en: 'Compare with draft', zh: '与草稿比较' },
  hideDiff: { en: 'Hide diff', zh: '隐藏差异' },
  added: { en: 'added', zh: '新增' },
  removed: { en: 'removed', zh: '删除' },
  changed: { en: 'changed', zh: '修改' },
  edgesChanged: { en: 'connections changed', zh: '连线变化' },
  back: { en: 'All flows', zh: '全部流程' },
  name: { en: 'Flow name', zh: '流程名称' },
  language: { en: 'Language', zh: '语言' },
  variables: { en: 'Variables', zh: '变量' },
  insertVariable: { en: 'Insert variable', zh: '插入变量' },
  choosePattern: { en: 'Choose a pattern…', zh: '选择模式…' },
  customPattern: { en: 'Custom expression…', zh: '自定义表达式…' },
  patternExpression: { en: 'Regular expression', zh: '正则表达式' },
  chooseTeam: { en: 'Choose a team…', zh: '选择团队…' },
  chooseAgent: { en: 'Nobody (leave unassigned)', zh: '不指派' },
  noTeam: { en: 'No team', zh: '不指定团队' },
  missingChoice: { en: 'not in this workspace', zh: '不在此工作区' },
  loadingChoices: { en: 'Loading…', zh: '加载中…' },
  choicesFailed: { en: 'Could not load the list.', zh: '无法加载列表。' },
  preview: { en: 'Preview', zh: '预览' },
  all: { en: 'all of', zh: '全部满足' },
  any: { en: 'any of', zh: '任一满足' },
  addCondition: { en: 'Add condition', zh: '添加条件' },
  addGroup: { en: 'Add group', zh: '添加条件组' },
  removeCondition: { en: 'Remove condition', zh: '删除条件' },
  fact: { en: 'Fact', zh: '事实' },
  field: { en: 'Field', zh: '字段' },
  operator: { en: 'Operator', zh: '运算符' },
  value: { en: 'Value', zh: '值' },
  listHint: { en: 'comma-separated', zh: '用逗号分隔' },
  variableName: { en: 'Variable name', zh: '变量名' },
  shortcuts: {
    en: 'Del delete · Ctrl+C/V copy/paste · Ctrl+D duplicate · Ctrl+Z/Y undo/redo · Shift+drag select',
    zh: 'Del 删除 · Ctrl+C/V 复制/粘贴 · Ctrl+D 复制节点 · Ctrl+Z/Y 撤销/重做 · Shift+拖动 多选',
  },
  createFailed: { en: 'Could not create the flow (only owners can).', zh: '无法创建流程（仅所有者可以）。' },
  signIn: { en: 'Sign in', zh: '登录' },
  signInTitle: { en: 'Sign in to design flows', zh: '登录以设计流程' },
  email: { en: 'Email', zh: '邮箱' },
  password: { en: 'Password', zh: '密码' },
  signInFailed: { en: 'Wrong email or password.', zh: '邮箱或密码错误。' },
  publishedBy: { en: 'by', zh: '发布者' },
  active: { en: 'active', zh: '当前生效' },
  rolledBackFrom: { en: 'rollback of', zh: '回滚自' },
  flowSettings: { en: 'Flow settings', zh: '流程设置' },
  description: { en: 'Description', zh: '描述' },
  variablesHint: {
    en: 'Declared variables can be read anywhere; nodes that save answers add their own.',
    zh: '声明的变量可在任意位置读取；保存答案的节点会添加自己的变量。',
  },
  defaultValue: { en: 'Default (optional)', zh: '默认值（可选）' },
  addVariable: { en: 'Add variable', zh: '添加变量' },
  removeVariable: { en: 'Remove variable', zh: '删除变量' },
  from: { en: 'From', zh: '从' },
  to: { en: 'to', zh: '到' },
  compareVersions: { en: 'Compare versions', zh: '比较版本' },
  dismiss: { en: 'Dismiss', zh: '关闭' },
  notFound: { en: 'This flow does not exist.', zh: '此流程不存在。' },
  simulate: { en: 'Simulate', zh: '模拟' },
  simulateHint: {
    en: 'Chat with the saved draft as a test customer. Test runs reach no real customer, agent or report.',
    zh: '以测试顾客身份与已保存的草稿对话。测试运行不会触达真实顾客、客服或报表。',
  },
  startSimulation: { en: 'Start simulation', zh: '开始模拟' },
  restartSimulation: { en: 'Restart', zh: '重新开始' },
  stopSimulation: { en: 'Stop', zh: '停止' },
  simulationFailedToStart: { en: 'Cannot simulate:', zh: '无法模拟：' },
  simRunning: { en: 'running', zh: '运行中' },
  simCompleted: { en: 'finished', zh: '已结束' },
  simFailed: { en: 'failed', zh: '失败' },
  simEnded: {
    en: 'The simulation has ended. Restart it to try again.',
    zh: '模拟已结束。重新开始以再次尝试。',
  },
  waitingReply: { en: 'Waiting for the customer', zh: '等待顾客回复' },
  waitingTimer: { en: 'Waiting on a timer', zh: '正在计时等待' },
  waitingAgent: { en: 'Offered to the team, waiting for an agent', zh: '已分配给团队，等待客服接入' },
  until: { en: 'until', zh: '直到' },
  waitingResolution: { en: 'With an agent until it is resolved', zh: '由客服处理直到解决' },
  skipWait: { en: 'Skip the wait', zh: '跳过等待' },
  acceptAsAgent: { en: 'Agent accepts', zh: '客服接入' },
  letTimeOut: { en: 'Nobody accepts', zh: '无人接入' },
  resolveAsAgent: { en: 'Agent resolves', zh: '客服解决会话' },
  timeRunsOut: { en: 'Time runs out', zh: '等待超时' },
  simSetup: { en: 'Test setup: clock, contact, HTTP answers', zh: '测试设置：时钟、联系人、HTTP 响应' },
  simSetClock: { en: 'Set the clock', zh: '设置时钟' },
  simDate: { en: 'Date', zh: '日期' },
  simTime: { en: 'Time', zh: '时间' },
  simTimeZone: { en: 'Time zone', zh: '时区' },
  simContact: { en: 'Test contact', zh: '测试联系人' },
  simContactName: { en: 'Name', zh: '姓名' },
  simContactNameHint: { en: 'Test customer', zh: '测试顾客' },
  simTagsHint: { en: 'vip, wholesale', zh: 'vip, 批发' },
  simAttributesHint: { en: 'city=Hangzhou', zh: 'city=杭州' },
  simTags: { en: 'Tags (comma-separated)', zh: '标签（逗号分隔）' },
  simAttributes: { en: 'Attributes (key=value, one a line)', zh: '属性（键=值，每行一个）' },
  simChannel: { en: 'Channel', zh: '渠道' },
  simChannelWeb: { en: 'Web chat', zh: '网页聊天' },
  simChannelEmail: { en: 'Email', zh: '邮件' },
  simChannelApi: { en: 'API', zh: 'API' },
  simAgentsOnline: { en: 'Agents online', zh: '有客服在线' },
  simFirstMessage: {
    en: 'First message (starts a message-received flow)',
    zh: '第一条消息（触发“收到消息”流程）',
  },
  simHttpSteps: { en: 'HTTP steps', zh: 'HTTP 步骤' },
  simHttpDefault: { en: 'Answer 200 (simulated)', zh: '返回 200（模拟）' },
  simHttpMock: { en: 'Mocked response', zh: '模拟响应' },
  simHttpReal: { en: 'Call for real', zh: '真实调用' },
  simHttpStatus: { en: 'Status', zh: '状态码' },
  simHttpBody: { en: 'JSON body', zh: 'JSON 响应体' },
  simDateNeeded: { en: 'Choose a date', zh: '请选择日期' },
  simTimeNeeded: { en: 'Choose a time', zh: '请选择时间' },
  simZoneNeeded: { en: 'Name a time zone, e.g. Asia/Shanghai', zh: '请填写时区，例如 Asia/Shanghai' },
  simAttributeLine: { en: 'Write each attribute as key=value', zh: '每个属性请写成 键=值' },
  simStatusRange: { en: 'A status is a number from 100 to 599', zh: '状态码应为 100 到 599 之间的数字' },
  simBodyNotJson: { en: 'This body is not valid JSON', zh: '此响应体不是有效的 JSON' },
  simSetupInvalid: { en: 'Check the test setup:', zh: '请检查测试设置：' },
  typeAsCustomer: { en: 'Message as the customer', zh: '以顾客身份发送消息' },
  send: { en: 'Send', zh: '发送' },
  noMessagesYet: {
    en: 'No messages yet: say something as the customer.',
    zh: '还没有消息：以顾客身份说点什么。',
  },
  noVariables: { en: 'No variables set yet.', zh: '尚未设置变量。' },
  runs: { en: 'Runs', zh: '运行记录' },
  noRuns: { en: 'No runs of this flow yet.', zh: '此流程还没有运行记录。' },
  moreRuns: { en: 'More runs', zh: '更多记录' },
  runOn: { en: 'Run on', zh: '运行版本' },
  closeRun: { en: 'Close run', zh: '关闭运行记录' },
  readOnlyRun: { en: 'read-only: the version this run ran on', zh: '只读：此运行所用的版本' },
  stepsOfNode: { en: 'Steps at this node', zh: '此节点的步骤' },
  clickNodeForSteps: { en: 'Click a node to see its steps.', zh: '点击节点查看其步骤。' },
  notVisited: { en: 'The run did not pass here.', zh: '此运行未经过这里。' },
  leftBy: { en: 'left by', zh: '离开端口' },
  took: { en: 'took', zh: '耗时' },
  timeline: { en: 'Timeline', zh: '时间线' },
  readOnly: {
    en: 'Read-only: your role can view flows but not change them.',
    zh: '只读：你的角色可以查看流程但不能修改。',
  },
  noAccess: { en: 'Your role cannot open flows. Ask an owner.', zh: '你的角色无法打开流程。请联系所有者。' },
} satisfies Record<string, LocalText>;

export type WordKey = keyof typeof words;

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const initialLang = (): Lang => {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('kefu.lang');
  if (saved === 'en' || saved === 'zh') return saved;
  return typeof navigator !== 'undefined' && navigator.language.startsWith('zh') ? 'zh' : 'en';
};

export const useLang = create<LangState>((set) => ({
  lang: initialLang(),
  setLang(lang) {
    localStorage.setItem('kefu.lang', lang);
    set({ lang });
  },
}));

const selectLang = (s: LangState) => s.lang;

/** `t('saved')` for the designer's words, `lt(text)` for the catalog's own LocalText. */
export function useT() {
  const lang = useLang(selectLang);
  return { lang, t: (key: WordKey) => words[key][lang], lt: (text: LocalText) => text[lang] };
}

/** Schema titles are written "English / 中文"; shows the half for the current language. */
export function pickLang(text: string, lang: Lang): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return lang === 'en' ? text.slice(0, at) : text.slice(at + 3);
}
