import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '@temporalio/client';
import type { ParsedMail } from 'mailparser';
import { weeklyReportScheduleId, weeklyReportWorkflowId, type WeeklyReportWire } from '@kefu/schemas/api';
import { REPORT_HOUR, ensureReportSchedule } from '@kefu/runtime/analytics';
import { generateMonth } from '@kefu/runtime/generate-month';
import { reportActivities } from '@kefu/workers/reports';
import { launchBrowser, screenshotDir } from './support/browser';
import { startMailPeer, type MailPeer } from './support/mail-peer';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { applyAllDueKpis } from './support/kpi-apply';
import { productTemporal } from './support/product-temporal';

/**
 * The weekly PDF on the real servers: a fortnight of generated activity, "generate now" for its
 * second week runs the worker's workflow (Chromium prints the PDF), the report is kept once per
 * workspace and week, mailed to the owner once however often the activities run (the workflow again,
 * and the activities called twice at once), downloaded as application/pdf; its pages are rendered
 * by Chromium's PDF viewer to PNG for a person to look at (weekly-report-pdf.png).
 */
const WEEK = '2026-W46'; // 9–15 November 2026; the week before is 2–8 November
let mail: MailPeer;
let product: RunningProduct;
let owner: StaffShop;
let analyst: StaffShop;
let agent: StaffShop;
let temporal: Connection;

beforeAll(async () => {
  mail = await startMailPeer();
  product = await startProduct({ channels: { smtpUrl: mail.url } });
  owner = await signUpStaffShop(product.url, 'weekly-report');
  analyst = await inviteAgent(product.url, owner, 'ReportAnalyst', ['analyst']);
  agent = await inviteAgent(product.url, owner, 'ReportAgent', ['agent']);
  await generateMonth(product.models, {
    workspaceId: owner.workspaceId,
    conversations: 80,
    start: '2026-11-02',
    days: 14,
  });
  await applyAllDueKpis(product.models, owner.workspaceId);
  temporal = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
}, 300_000);
afterAll(async () => {
  await temporal?.close();
  await product?.stop();
  await mail?.stop();
});

const reportMails = () => mail.mails.filter((m) => m.subject?.includes(`weekly service report ${WEEK}`));
const list = async (who: StaffShop) =>
  (await callApi<{ items: WeeklyReportWire[] }>(product.url, who, 'GET', '/analytics/reports')).body.items;

/** The PDF's document title (Chromium writes the HTML <title> as a UTF-16BE hex string). */
function pdfTitle(pdf: Buffer): string | null {
  const m = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(pdf.toString('latin1'));
  if (!m) return null;
  return Buffer.from(m[1]!, 'hex').swap16().toString('utf16le');
}
const pageCount = (pdf: Buffer) =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

describe('weekly report', () => {
  let pdf: Buffer;
  let id: string;

  it('"generate now" renders the week to PDF and mails it to the owner', async () => {
    const started = await callApi<{ id: string; week: string }>(
      product.url,
      analyst,
      'POST',
      '/analytics/reports',
      {
        week: WEEK,
      },
    );
    expect(started.status).toBe(202);
    id = started.body.id;
    expect(id).toBe(`${owner.workspaceId}:${WEEK}`);
    await expect
      .poll(async () => (await list(owner)).find((r) => r.id === id)?.mail, { timeout: 120_000 })
      .toBe('sent');
    const [item] = await list(analyst);
    expect(item).toMatchObject({ id, week: WEEK, from: '2026-11-09', to: '2026-11-15', pages: 2 });
    expect(item!.score).not.toBeNull();

    const sent = reportMails();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toMatchObject({ value: [{ address: owner.email }] });
    const attachment = sent[0]!.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toBe(`kefu-report-${WEEK}.pdf`);
    pdf = attachment!.content;
  });

  it('is downloaded as the same PDF: two pages, titled with the week and the shop', async () => {
    const res = await fetch(`${product.url}/analytics/reports/${encodeURIComponent(id)}/pdf`, {
      headers: { cookie: analyst.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.equals(pdf)).toBe(true);
    expect(pageCount(body)).toBe(2);
    expect(pdfTitle(body)).toBe(`Kefu weekly report ${WEEK} — weekly-report shop`);
  });

  it('is made and mailed once, however often the workflow and the activities run', async () => {
    // The workflow again (a second "generate now" after the first finished)…
    const client = productTemporal(temporal, product.env);
    await client.workflow.getHandle(weeklyReportWorkflowId(owner.workspaceId, WEEK)).result();
    expect((await callApi(product.url, owner, 'POST', '/analytics/reports', { week: WEEK })).status).toBe(
      202,
    );
    const again = await client.workflow.getHandle(weeklyReportWorkflowId(owner.workspaceId, WEEK)).result();
    expect(again).toEqual({ id, week: WEEK, mail: 'already' });
    // …and the activities called twice at once, as two retried attempts might.
    const activities = reportActivities(product.models, {
      chromiumPath: '/usr/bin/chromium',
      mailDomain: 'kefu.localhost',
      smtpUrl: mail.url,
    });
    const input = { workspaceId: owner.workspaceId, week: WEEK };
    const rendered = await Promise.all([
      activities.renderWeeklyReport(input),
      activities.renderWeeklyReport(input),
    ]);
    expect(rendered.map((r) => r.rendered)).toEqual([false, false]);
    expect(
      await Promise.all([activities.mailWeeklyReport(input), activities.mailWeeklyReport(input)]),
    ).toEqual(['already', 'already']);
    expect(await product.models.WeeklyReport.countDocuments({ workspaceId: owner.workspaceId })).toBe(1);
    expect(reportMails()).toHaveLength(1);
  });

  it('a week rendered for the first time by two activities at once is stored once and mailed once', async () => {
    const week = '2026-W45';
    const activities = reportActivities(product.models, {
      chromiumPath: '/usr/bin/chromium',
      mailDomain: 'kefu.localhost',
      smtpUrl: mail.url,
    });
    const input = { workspaceId: owner.workspaceId, week };
    const rendered = await Promise.all([
      activities.renderWeeklyReport(input),
      activities.renderWeeklyReport(input),
    ]);
    expect(rendered.filter((r) => r.rendered)).toHaveLength(1);
    const mailed = await Promise.all([
      activities.mailWeeklyReport(input),
      activities.mailWeeklyReport(input),
    ]);
    expect(mailed.sort()).toEqual(['already', 'sent']);
    expect(await product.models.WeeklyReport.countDocuments({ workspaceId: owner.workspaceId })).toBe(2);
    expect(
      mail.mails.filter((m: ParsedMail) => m.subject?.includes(`weekly service report ${week}`)),
    ).toHaveLength(1);
  });

  it('refuses agents, an unknown report, a week that is not one or has not ended', async () => {
    expect((await callApi(product.url, agent, 'GET', '/analytics/reports')).status).toBe(403);
    const pdfRes = await fetch(`${product.url}/analytics/reports/${encodeURIComponent(id)}/pdf`, {
      headers: { cookie: agent.cookie },
    });
    expect(pdfRes.status).toBe(403);
    expect((await callApi(product.url, agent, 'POST', '/analytics/reports', { week: WEEK })).status).toBe(
      403,
    );
    const other = await callApi(
      product.url,
      owner,
      'GET',
      `/analytics/reports/${encodeURIComponent(`${owner.workspaceId}:2020-W01`)}/pdf`,
    );
    expect(other).toMatchObject({ status: 404, body: { field: 'params/id' } });
    for (const week of ['2026-W54', '2026-46', '2999-W01']) {
      const res = await callApi(product.url, owner, 'POST', '/analytics/reports', { week });
      expect(res, week).toMatchObject({ status: 400, body: { field: 'body/week' } });
    }
  });

  it("renders the PDF's pages in Chromium's viewer for a person to look at", async () => {
    const file = join(screenshotDir, 'weekly-report.pdf');
    const browser = await launchBrowser();
    try {
      writeFileSync(file, pdf);
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      await page.goto(`file://${file}`);
      // The viewer draws its pages asynchronously; its toolbar shows the page count when loaded.
      await page.waitForTimeout(3000);
      await page.screenshot({ path: join(screenshotDir, 'weekly-report-pdf.png') });
    } finally {
      await browser.close();
    }
  });
});

describe('the weekly schedule', () => {
  it('is created once per workspace on Monday morning in its time zone, and follows a new zone', async () => {
    const client = productTemporal(temporal, product.env);
    const queue = product.env.KEFU_TASK_QUEUE!;
    const ws = owner.workspaceId;
    try {
      expect(await ensureReportSchedule(client, queue, ws, 'Asia/Shanghai')).toBe('created');
      expect(await ensureReportSchedule(client, queue, ws, 'Asia/Shanghai')).toBe('unchanged');
      expect(await ensureReportSchedule(client, queue, ws, 'Europe/Berlin')).toBe('updated');
      const described = await client.schedule.getHandle(weeklyReportScheduleId(ws)).describe();
      expect(described.spec.timezone).toBe('Europe/Berlin');
      expect(described.spec.calendars?.[0]).toMatchObject({
        dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY' }],
        hour: [{ start: REPORT_HOUR, end: REPORT_HOUR }],
      });
      expect(described.action).toMatchObject({
        workflowType: 'weeklyReport',
        taskQueue: queue,
        args: [{ workspaceId: ws }],
      });
    } finally {
      await client.schedule
        .getHandle(weeklyReportScheduleId(ws))
        .delete()
        .catch(() => {});
    }
  });
});
