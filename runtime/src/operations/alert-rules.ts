import type { AlertRuleKey, AlertSettings } from '@kefu/schemas/api';
import { isOpen } from '@kefu/nodes';
import type { WorkspaceHours } from '../models/workspace-hours';

/** What the evaluator saw of one workspace at one moment (operations-snapshot.ts gathers it). */
export interface OperationsSnapshot {
  /** The workspace's business hours say open now. */
  openNow: boolean;
  waiting: number;
  longestWaitSeconds: number;
  agentsOnline: number;
  openConversations: number;
  /** Today's tickets in and SLA breaches, in the workspace's time zone. */
  ticketsToday: number;
  slaBreachesToday: number;
  /** Today's satisfaction ratings. */
  csatCount: number;
  csatAverage: number | null;
  /** This API process's requests of the last 15 minutes, and how many answered 5xx. */
  requests: number;
  errors: number;
  /** The readiness worker check: 'ok' or why not. */
  worker: string;
}

/** Fewer requests than this in the window say nothing about an error rate (one failure of three is not an outage). */
export const ERROR_RATE_MIN_REQUESTS = 20;

export interface RuleReading {
  rule: AlertRuleKey;
  breached: boolean;
  detail: string;
}

const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);
const round = (n: number) => Math.round(n * 10) / 10;

/** Each enabled rule's reading of the snapshot: breached or not, and what was seen, in words. */
export function readRules(rules: AlertSettings['rules'], s: OperationsSnapshot): RuleReading[] {
  const readings: RuleReading[] = [];
  if (rules.noAgentOnline.enabled) {
    const breached = s.openNow && s.agentsOnline === 0 && s.waiting >= rules.noAgentOnline.minWaiting;
    readings.push({
      rule: 'noAgentOnline',
      breached,
      detail: `${s.waiting} waiting (longest ${s.longestWaitSeconds} s), ${s.agentsOnline} agents online, ${s.openNow ? 'within' : 'outside'} business hours`,
    });
  }
  if (rules.slaBreachRate.enabled) {
    const rate = pct(s.slaBreachesToday, s.ticketsToday);
    readings.push({
      rule: 'slaBreachRate',
      breached: s.ticketsToday > 0 && rate > rules.slaBreachRate.maxPercent,
      detail: `${s.slaBreachesToday} SLA breaches for ${s.ticketsToday} tickets today (${round(rate)} %, limit ${rules.slaBreachRate.maxPercent} %)`,
    });
  }
  if (rules.csatDrop.enabled) {
    readings.push({
      rule: 'csatDrop',
      breached: s.csatAverage !== null && s.csatCount > 0 && s.csatAverage < rules.csatDrop.minAverage,
      detail: `satisfaction today ${s.csatAverage === null ? 'not rated' : round(s.csatAverage)} from ${s.csatCount} ratings (floor ${rules.csatDrop.minAverage})`,
    });
  }
  if (rules.errorRate.enabled) {
    const rate = pct(s.errors, s.requests);
    readings.push({
      rule: 'errorRate',
      breached: s.requests >= ERROR_RATE_MIN_REQUESTS && rate > rules.errorRate.maxPercent,
      detail: `${s.errors} of ${s.requests} requests failed in the last 15 minutes (${round(rate)} %, limit ${rules.errorRate.maxPercent} %)`,
    });
  }
  if (rules.workerNotPolling.enabled) {
    readings.push({
      rule: 'workerNotPolling',
      breached: s.worker !== 'ok',
      detail: s.worker === 'ok' ? 'a worker polls the task queue' : s.worker,
    });
  }
  return readings;
}

/**
 * Whether the shop is open at `at` by its business hours (holidays closed). A shop that set no hours
 * counts as always open: the alert is about customers left alone, and it has said nothing otherwise.
 */
export function withinHours(hours: WorkspaceHours, at: number): boolean {
  return hours.schedule.length === 0 || isOpen(hours, at, hours.timeZone);
}

/** What a workspace starts with: the worker and no-agent rules on, the rest off with sensible limits. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  emailOwners: true,
  webhookUrl: null,
  rules: {
    noAgentOnline: { enabled: true, minWaiting: 1 },
    slaBreachRate: { enabled: false, maxPercent: 20 },
    csatDrop: { enabled: false, minAverage: 3.5 },
    errorRate: { enabled: false, maxPercent: 5 },
    workerNotPolling: { enabled: true },
  },
};
