import type { AlertRuleKey } from '@kefu/schemas/api';

/** Each rule's name among the operations words (the error-rate rule's differs from the figure's). */
export const RULE_WORD = {
  noAgentOnline: 'noAgentOnline',
  slaBreachRate: 'slaBreachRate',
  csatDrop: 'csatDrop',
  errorRate: 'errorRateRule',
  workerNotPolling: 'workerNotPolling',
} as const satisfies Record<AlertRuleKey, string>;
