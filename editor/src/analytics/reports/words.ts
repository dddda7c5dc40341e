import { makeUseWords } from '../../shared/use-words';

/** The weekly reports section's words. */
export const useReportWords = makeUseWords({
  intro: {
    en: "Every Monday morning (the workspace's time zone) last week's report is made as a PDF, mailed to the owners and kept here.",
    zh: '每周一早上（按工作区时区）生成上一周的 PDF 报告，发送给负责人并保存在这里。',
  },
  week: { en: 'Week', zh: '周' },
  days: { en: 'Days', zh: '日期' },
  score: { en: 'Score', zh: '评分' },
  pages: { en: 'Pages', zh: '页数' },
  mail: { en: 'Mail to owners', zh: '发给负责人' },
  due: { en: 'waiting', zh: '等待中' },
  sending: { en: 'sending', zh: '发送中' },
  sent: { en: 'sent', zh: '已发送' },
  skipped: { en: 'not sent (no mail set up)', zh: '未发送（未配置邮件）' },
  download: { en: 'Download PDF', zh: '下载 PDF' },
  generate: { en: 'Generate now', zh: '立即生成' },
  generateWeek: { en: 'Week to generate', zh: '要生成的周' },
  lastWeek: { en: 'Last week', zh: '上周' },
  started: { en: 'Generating the report of', zh: '正在生成报告：' },
  refresh: { en: 'Refresh', zh: '刷新' },
  empty: { en: 'No reports yet.', zh: '还没有报告。' },
  loading: { en: 'Loading reports…', zh: '正在加载报告…' },
  loadFailed: { en: 'Could not load the reports.', zh: '无法加载报告。' },
  retry: { en: 'Retry', zh: '重试' },
});
