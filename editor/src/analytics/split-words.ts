import { makeUseWords } from '../shared/use-words';

/** The random-split comparison's words (analytics, `#/analytics/splits`). */
export const useSplitWords = makeUseWords({
  intro: {
    en: 'Each branch of a random split against the first: what the bot resolved, who was handed to a person, and CSAT, with whether the difference is more than chance.',
    zh: '随机分流的每个分支与第一个分支对比：机器人解决率、转人工率和满意度，并判断差异是否超出偶然。',
  },
  flow: { en: 'Flow', zh: '流程' },
  chooseFlow: { en: 'Choose a flow', zh: '选择流程' },
  version: { en: 'Version', zh: '版本' },
  from: { en: 'From', zh: '从' },
  to: { en: 'Until', zh: '到' },
  compare: { en: 'Compare', zh: '对比' },
  pickFlow: {
    en: 'Choose a flow and a version to compare its splits.',
    zh: '请选择流程和版本以对比其分流。',
  },
  noSplits: { en: 'This version has no random split.', zh: '此版本没有随机分流节点。' },
  loading: { en: 'Loading the comparison…', zh: '正在加载对比…' },
  loadFailed: { en: 'Could not load the comparison.', zh: '无法加载对比。' },
  retry: { en: 'Retry', zh: '重试' },
  refused: { en: 'The server refused this question:', zh: '服务器拒绝了此查询：' },
  branch: { en: 'Branch', zh: '分支' },
  control: { en: 'control', zh: '对照组' },
  conversations: { en: 'Conversations', zh: '会话数' },
  botResolvedRate: { en: 'Resolved by the bot', zh: '机器人解决' },
  handedToPersonRate: { en: 'Handed to a person', zh: '转人工' },
  csatAverage: { en: 'CSAT average', zh: '满意度均分' },
  csatPositiveShare: { en: 'CSAT positive', zh: '满意度好评率' },
  answers: { en: 'answers', zh: '份评价' },
  chart: { en: 'Rates per branch', zh: '各分支比率' },
  more: { en: 'more', zh: '更高' },
  less: { en: 'less', zh: '更低' },
  moreThanChance: { en: 'more than chance', zh: '超出偶然' },
  chance: { en: 'not distinguishable from chance yet', zh: '尚无法与偶然区分' },
  notEnough: { en: 'not enough data yet', zh: '数据尚不足' },
  pts: { en: 'pts', zh: '个百分点' },
  ci: { en: '95% CI', zh: '95% 置信区间' },
  holm: {
    en: 'More than two branches: p-values are adjusted (Holm) so that, across branches, a chance difference is called real at most 5 % of the time.',
    zh: '超过两个分支：p 值已按 Holm 方法校正，使各分支合计把偶然差异误判为真实差异的概率不超过 5%。',
  },
});
