import type { LocalText } from './text';

/**
 * What the settings form shows for the fixed choices of node configs (schema `enum` values), in
 * both languages: the flow stores `least-loaded` or `mon`, the owner reads "Fewest open chats" or
 * "周一". The editor uses these for every enum whose values all have a label here.
 */
export const OPTION_LABELS: Readonly<Record<string, LocalText>> = {
  'least-loaded': { en: 'Fewest open chats', zh: '最少负载' },
  'round-robin': { en: 'Take turns', zh: '轮流分配' },
  skills: { en: 'By skills', zh: '按技能' },
  mon: { en: 'Monday', zh: '周一' },
  tue: { en: 'Tuesday', zh: '周二' },
  wed: { en: 'Wednesday', zh: '周三' },
  thu: { en: 'Thursday', zh: '周四' },
  fri: { en: 'Friday', zh: '周五' },
  sat: { en: 'Saturday', zh: '周六' },
  sun: { en: 'Sunday', zh: '周日' },
  low: { en: 'Low', zh: '低' },
  normal: { en: 'Normal', zh: '普通' },
  high: { en: 'High', zh: '高' },
  urgent: { en: 'Urgent', zh: '紧急' },
  open: { en: 'Open', zh: '待处理' },
  pending: { en: 'Pending', zh: '等待中' },
  solved: { en: 'Solved', zh: '已解决' },
  closed: { en: 'Closed', zh: '已关闭' },
  text: { en: 'Text', zh: '文本' },
  choice: { en: 'Choice', zh: '选项' },
  email: { en: 'Email', zh: '电子邮箱' },
  phone: { en: 'Phone number', zh: '电话号码' },
  number: { en: 'Number', zh: '数字' },
  pattern: { en: 'Matches a pattern', zh: '匹配模式' },
  boolean: { en: 'Yes / no', zh: '是 / 否' },
  any: { en: 'Any of the keywords', zh: '任一关键词' },
  all: { en: 'All of the keywords', zh: '全部关键词' },
  exact: { en: 'The whole message is a keyword', zh: '整条消息等于关键词' },
  minutes: { en: 'Minutes', zh: '分钟' },
  hours: { en: 'Hours', zh: '小时' },
  days: { en: 'Days', zh: '天' },
  web: { en: 'Web chat', zh: '网页聊天' },
  api: { en: 'API', zh: 'API' },
  'first-response': { en: 'First response', zh: '首次响应' },
  resolution: { en: 'Resolution', zh: '解决' },
  status: { en: 'Status', zh: '状态' },
  priority: { en: 'Priority', zh: '优先级' },
  assignee: { en: 'Assignee', zh: '负责人' },
  tags: { en: 'Tags', zh: '标签' },
};
