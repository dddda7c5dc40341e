import { ApplicationFailure } from '@temporalio/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { scoreOf, serviceScore, type WeeklyReportInput } from '@kefu/schemas/api';
import { daysOfWeek, kpiReport, lastWeekIn, readScoreSettings } from '@kefu/runtime/analytics';
import { isDuplicateKey, weeklyReportId, type Models } from '@kefu/runtime/models';
import { pdfPageCount, printPdf, type PdfConfig } from './print-pdf';
import { weeklyReportHtml } from './report-html';

export interface ReportConfig extends PdfConfig {
  /** nodemailer transport URL; without it the report is kept but not mailed (mail: skipped). */
  smtpUrl?: string;
  /** The sender's domain: reports come from reports@<mailDomain>. */
  mailDomain: string;
  transport?: Transporter;
}

/** A mail `sending` longer than this was taken by a process that died: another may take it. */
const MAIL_STALE_MS = 10 * 60_000;

/**
 * The weekly report's two steps, each idempotent per workspace and week, so the schedule, "generate
 * now" and Temporal's retries can run them any number of times:
 * - renderWeeklyReport: the PDF is stored under `<workspaceId>:<ISO week>`; a week already stored
 *   is not rendered again (an insert of the same id is refused by the primary key);
 * - mailWeeklyReport: the mail to the owners goes once: `mail` moves from `due` to `sending` in one
 *   conditional write, and only the process whose write changed it sends.
 * What stays at-least-once, as for other outbound mail (outbound-activities.ts): a process that dies
 * after the SMTP server took the mail and before `sent` is stored sends again after MAIL_STALE_MS.
 */
export function reportActivities(models: Models, config: ReportConfig) {
  const transport: Transporter | null =
    config.transport ?? (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null);

  async function renderWeeklyReport(
    input: WeeklyReportInput,
  ): Promise<{ id: string; week: string; rendered: boolean }> {
    const { workspaceId } = input;
    const workspace = await models.Workspace.findOne({ _id: workspaceId }, { name: 1, timeZone: 1 }).lean();
    if (!workspace) throw ApplicationFailure.nonRetryable(`No workspace ${workspaceId}`);
    const timeZone = workspace.timeZone ?? 'UTC';
    const week = input.week ?? lastWeekIn(timeZone, new Date());
    const days = daysOfWeek(week);
    if (!days) throw ApplicationFailure.nonRetryable(`${week} is not an ISO week`);
    const _id = weeklyReportId(workspaceId, week);
    if (await models.WeeklyReport.findOne({ _id, workspaceId }, { _id: 1 }).lean())
      return { id: _id, week, rendered: false };

    const [settings, kpis] = await Promise.all([
      readScoreSettings(models, workspaceId),
      kpiReport(models, workspaceId, { from: days.from, to: days.to, groupBy: 'day' }),
    ]);
    const score = serviceScore(kpis, settings);
    const beforeDaily = kpis.previousPeriods.map(
      (p) => scoreOf(p.rows.find((r) => r.value === null)?.kpis ?? null, settings).score,
    );
    const html = weeklyReportHtml(
      { workspaceName: workspace.name, timeZone, week, kpis, score },
      beforeDaily,
    );
    const pdf = await printPdf(config, html);
    try {
      await models.WeeklyReport.create({
        _id,
        workspaceId,
        week,
        from: days.from,
        to: days.to,
        pdf,
        pages: pdfPageCount(pdf),
        bytes: pdf.length,
        score: score.current.score,
        mail: 'due',
      });
    } catch (err) {
      // Another run stored this week first: theirs is kept.
      if (!isDuplicateKey(err)) throw err;
      return { id: _id, week, rendered: false };
    }
    return { id: _id, week, rendered: true };
  }

  async function mailWeeklyReport(input: {
    workspaceId: string;
    week: string;
  }): Promise<'sent' | 'already' | 'skipped'> {
    const { workspaceId, week } = input;
    const _id = weeklyReportId(workspaceId, week);
    const owners = (
      await models.User.find({ workspaceId }, { email: 1, roles: 1, disabled: 1 }).lean()
    ).filter((u) => u.roles.includes('owner') && !u.disabled);
    if (!transport || owners.length === 0) {
      await models.WeeklyReport.updateOne({ _id, workspaceId, mail: 'due' }, { $set: { mail: 'skipped' } });
      return 'skipped';
    }
    const now = new Date();
    let taken = await models.WeeklyReport.updateOne(
      { _id, workspaceId, mail: 'due' },
      { $set: { mail: 'sending', mailAt: now } },
    );
    if (taken.modifiedCount === 0)
      taken = await models.WeeklyReport.updateOne(
        { _id, workspaceId, mail: 'sending', mailAt: { $lt: new Date(now.getTime() - MAIL_STALE_MS) } },
        { $set: { mailAt: now } },
      );
    if (taken.modifiedCount === 0) return 'already';

    const report = await models.WeeklyReport.findOne({ _id, workspaceId }).lean();
    if (!report) throw ApplicationFailure.nonRetryable(`No report ${_id}`);
    const workspace = await models.Workspace.findOne({ _id: workspaceId }, { name: 1 }).lean();
    const name = workspace?.name ?? 'Kefu';
    const pdf = Buffer.isBuffer(report.pdf)
      ? report.pdf
      : Buffer.from((report.pdf as { buffer: Uint8Array }).buffer);
    const to = owners.map((o) => o.email);
    try {
      await transport.sendMail({
        from: `Kefu reports <reports@${config.mailDomain}>`,
        to,
        subject: `${name}: weekly service report ${week} · 每周服务报告`,
        messageId: `<weekly-report.${_id.replace(':', '.')}@${config.mailDomain}>`,
        text:
          `The weekly service report of ${name} for ${week} (${report.from} – ${report.to}) is attached.\n` +
          `Service score: ${report.score ?? '—'}.\n\n` +
          `${name} ${week} 的每周服务报告见附件。`,
        attachments: [{ filename: `kefu-report-${week}.pdf`, content: pdf, contentType: 'application/pdf' }],
      });
    } catch (err) {
      // Let a retry take it at once rather than after MAIL_STALE_MS.
      await models.WeeklyReport.updateOne({ _id, workspaceId, mailAt: now }, { $set: { mail: 'due' } });
      throw err;
    }
    await models.WeeklyReport.updateOne({ _id, workspaceId }, { $set: { mail: 'sent', mailedTo: to } });
    return 'sent';
  }

  return { renderWeeklyReport, mailWeeklyReport };
}

export type ReportActivities = ReturnType<typeof reportActivities>;
