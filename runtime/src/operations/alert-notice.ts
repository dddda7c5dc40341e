import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertRuleKey } from '@kefu/schemas/api';
import type { Models } from '../models';
import { guardedPost } from './guarded-post';

export interface NoticeConfig {
  /** nodemailer transport URL (KEFU_SMTP_URL); no mail without it. */
  smtpUrl?: string;
  mailDomain: string;
  allowLoopback: boolean;
}

export interface AlertNotice {
  workspaceId: string;
  rule: AlertRuleKey;
  kind: 'fired' | 'resolved';
  detail: string;
  at: Date;
}

const TITLES: Record<AlertRuleKey, [string, string]> = {
  noAgentOnline: ['No agent online while customers wait', '客户等待时无客服在线'],
  slaBreachRate: ['SLA breach rate above its limit', 'SLA 违约率超过上限'],
  csatDrop: ['Satisfaction dropped below its floor', '满意度低于下限'],
  errorRate: ['API error rate above its limit', 'API 错误率超过上限'],
  workerNotPolling: ['No worker is polling: flows are not running', '没有 worker 在轮询：流程未在运行'],
};

/**
 * Sends one alert's notice by mail to the workspace's owners and to its webhook. Throws when a
 * channel that should get it could not: the notice stays due and the next pass sends it again
 * (at least once; the mail's Message-ID and the webhook's `id` are the same on a repeat).
 */
export function alertNotifier(models: Models, config: NoticeConfig) {
  const transport: Transporter | null = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  return async function send(
    notice: AlertNotice,
    where: { emailOwners: boolean; webhookUrl: string | null },
    noticeId: string,
  ): Promise<void> {
    const [en, zh] = TITLES[notice.rule];
    const state = notice.kind === 'fired' ? ['Alert', '告警'] : ['Resolved', '已恢复'];
    const workspace = await models.Workspace.findOne({ _id: notice.workspaceId }, { name: 1 }).lean();
    const name = workspace?.name ?? 'Kefu';
    if (where.emailOwners && transport) {
      const owners = (
        await models.User.find(
          { workspaceId: notice.workspaceId },
          { email: 1, roles: 1, disabled: 1 },
        ).lean()
      ).filter((u) => u.roles.includes('owner') && !u.disabled);
      if (owners.length > 0)
        await transport.sendMail({
          from: `Kefu alerts <alerts@${config.mailDomain}>`,
          to: owners.map((o) => o.email),
          subject: `[${state[0]}] ${name}: ${en} · [${state[1]}] ${zh}`,
          messageId: `<alert.${noticeId}@${config.mailDomain}>`,
          text:
            `${state[0]}: ${en}\n${notice.detail}\nAt ${notice.at.toISOString()}.\n\n` +
            `${state[1]}：${zh}\n${notice.detail}\n`,
        });
    }
    if (where.webhookUrl) {
      const status = await guardedPost(
        where.webhookUrl,
        JSON.stringify({
          id: noticeId,
          type: notice.kind === 'fired' ? 'alert.fired' : 'alert.resolved',
          rule: notice.rule,
          title: en,
          detail: notice.detail,
          workspaceId: notice.workspaceId,
          at: notice.at.toISOString(),
        }),
        { allowLoopback: config.allowLoopback },
      );
      if (status < 200 || status >= 300) throw new Error(`the alert webhook answered ${status}`);
    }
  };
}
