import type { Connection, Model } from 'mongoose';
import { contactModel } from './contact';
import { conversationModel } from './conversation';
import { flowModel } from './flow';
import { flowVersionModel } from './flow-version';
import { messageModel } from './message';
import { ticketModel } from './ticket';
import { ticketEventModel } from './ticket-event';
import { slaPolicyModel } from './sla-policy';
import { ticketRunLinkModel } from './ticket-run-link';
import { workspaceModel } from './workspace';
import { userModel } from './user';
import { inviteModel } from './invite';
import { sessionModel } from './session';
import { loginThrottleModel } from './login-throttle';
import { auditEntryModel } from './audit-entry';
import { flowRunModel } from './flow-run';
import { runStepModel } from './run-step';
import { surveyResponseModel } from './survey-response';
import { kbArticleModel } from './kb-article';
import { kbGapHitModel, kbGapModel } from './kb-gap';
import { kbSettingsModel } from './kb-settings';
import { sensitiveWordListModel } from './sensitive-word-list';
import { teamModel } from './team';
import { flowLineupModel } from './flow-lineup';
import { agentProfileModel } from './agent-profile';
import { presenceSpanModel } from './presence-span';
import { offerModel } from './offer';
import { agentSlotModel } from './agent-slot';
import { offerMoveModel } from './offer-move';
import { emailThreadModel, mailIdModel } from './email-thread';
import { outboundDeliveryModel } from './outbound-delivery';
import { apiKeyModel } from './api-key';
import { webhookEndpointModel } from './webhook-endpoint';
import { noteModel } from './note';
import { readMarkModel } from './read-mark';
import { cannedReplyModel } from './canned-reply';
import { storeMigrationModel } from './store-migration';
import { leaseModel } from './lease';
import { contactImportModel } from './contact-import';
import { contactImportChunkModel } from './contact-import-chunk';
import { listHeadModel } from './list-head';
import { countIntentModel, counterModel } from './counter';
import { kpiBucketModel, kpiEventModel } from './kpi-bucket';
import { funnelBucketModel } from './funnel-bucket';
import { scoreSettingsModel } from './score-settings';
import { weeklyReportModel } from './weekly-report';
import { alertSettingsModel } from './alert-settings';
import { alertStateModel } from './alert-state';
import { assertTenantScoped } from './tenant-scope';

/**
 * Models bound to one connection. The API and the worker each open their own connection and
 * share only these collection shapes: MongoDB is the contract between them.
 */
export function createModels(conn: Connection) {
  const models = {
    Workspace: workspaceModel(conn),
    Contact: contactModel(conn),
    Conversation: conversationModel(conn),
    Message: messageModel(conn),
    Flow: flowModel(conn),
    FlowVersion: flowVersionModel(conn),
    FlowLineup: flowLineupModel(conn),
    Ticket: ticketModel(conn),
    TicketEvent: ticketEventModel(conn),
    SlaPolicy: slaPolicyModel(conn),
    TicketRunLink: ticketRunLinkModel(conn),
    User: userModel(conn),
    Invite: inviteModel(conn),
    Session: sessionModel(conn),
    LoginThrottle: loginThrottleModel(conn),
    AuditEntry: auditEntryModel(conn),
    FlowRun: flowRunModel(conn),
    RunStep: runStepModel(conn),
    SurveyResponse: surveyResponseModel(conn),
    KbArticle: kbArticleModel(conn),
    KbSettings: kbSettingsModel(conn),
    KbGap: kbGapModel(conn),
    KbGapHit: kbGapHitModel(conn),
    Team: teamModel(conn),
    AgentProfile: agentProfileModel(conn),
    PresenceSpan: presenceSpanModel(conn),
    Offer: offerModel(conn),
    AgentSlot: agentSlotModel(conn),
    OfferMove: offerMoveModel(conn),
    EmailThread: emailThreadModel(conn),
    MailId: mailIdModel(conn),
    OutboundDelivery: outboundDeliveryModel(conn),
    ApiKey: apiKeyModel(conn),
    WebhookEndpoint: webhookEndpointModel(conn),
    Note: noteModel(conn),
    ReadMark: readMarkModel(conn),
    CannedReply: cannedReplyModel(conn),
    StoreMigration: storeMigrationModel(conn),
    Lease: leaseModel(conn),
    ContactImport: contactImportModel(conn),
    ContactImportChunk: contactImportChunkModel(conn),
    ListHead: listHeadModel(conn),
    Counter: counterModel(conn),
    CountIntent: countIntentModel(conn),
    KpiBucket: kpiBucketModel(conn),
    KpiEvent: kpiEventModel(conn),
    SensitiveWordList: sensitiveWordListModel(conn),
    FunnelBucket: funnelBucketModel(conn),
    ScoreSettings: scoreSettingsModel(conn),
    WeeklyReport: weeklyReportModel(conn),
    AlertSettings: alertSettingsModel(conn),
    AlertState: alertStateModel(conn),
  };
  for (const [name, model] of Object.entries(models)) assertTenantScoped(name, model.schema);
  return models;
}

export type Models = ReturnType<typeof createModels>;

/**
 * The models whose writes mark KPI rollups due (kpi-noted.ts): the one list the worker's applier, the
 * reads that apply a few themselves, and the tests that apply everything all hand to applyDueKpis.
 */
export function kpiNotedModels(models: Models): Record<string, Model<unknown>> {
  const { Conversation, Ticket, SurveyResponse, PresenceSpan } = models;
  return { Conversation, Ticket, SurveyResponse, PresenceSpan } as unknown as Record<string, Model<unknown>>;
}

/** Builds the indexes a real MongoDB needs (FerretDB 1.x keeps them but does not use them). */
export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.init()));
}

export type { MessageDoc } from './message';
export type { UserDoc } from './user';
export { ACROSS_TENANTS, MissingTenantScopeError } from './tenant-scope';
export { handOff, inboxKeyOf, joinTeam } from './inbox-keys';
export { ALLOW_SCAN, exemptFromQueryAudit, QueryAuditError } from './query-audit';
export type { ConversationDoc } from './conversation';
export type { TeamDoc } from './team';
export { PRESENCES, type AgentProfileDoc, type Presence } from './agent-profile';
export { OFFER_STATUSES, type OfferDoc, type OfferStatus } from './offer';
export { toWireMessage } from './message-wire';
export { toKbArticle, type KbArticleDoc } from './kb-article';
export { synonymGroups, touchKnowledgeBase } from './kb-settings';
export { scoreSettingsOf } from './score-settings';
export { weeklyReportId, type WeeklyReportDoc } from './weekly-report';
export { closeKbGap, listKbGaps, recordKbGap, type GapInput, type GapStore, type KbGapDoc } from './kb-gap';
// Writes two actors can make at once: one helper per pattern (docs/api-conventions.md).
export { idForKey, insertOnce, insertUnique, isDuplicateKey } from './insert-once';
export { transition } from './transition';
export { changeFromRead, revisioned, WriteConflictError, type Changed, type Decision } from './revision';
export { releaseLease, releaseLeases, takeLease, takeLeases, type LeaseDoc } from './lease';
export { upsertOnce } from './upsert';
export { DEFAULT_EXPORT_PACING, pacedBatches, type ExportPacing } from './paced-batches';
// For writers of whole batches (the data-size benchmark): the fields the insert hooks set per item.
export { listKeySpecOf, listId, pageKey } from './list-keys';
export { countedFields, countSpecOf } from './counted';
// Lean batches set the contact match keys themselves (validation, which derives them, is skipped).
export { emailKey, phoneKey } from '../contacts/normalize';
export { emailIndex, phoneIndex, emailVisitorId, nameWordIndex } from '../contacts/blind-keys';
export * from './ticket';
export { TICKET_EVENT_KINDS, type TicketEventDoc, type TicketEventKind } from './ticket-event';
export type { SlaPolicyDoc } from './sla-policy';
export { defaultSlaPolicyId, dropDefaultSlaPolicy, makeDefaultSlaPolicy } from './sla-default';
export { ticketRunLinkId, ticketRunLinkKey } from './ticket-run-link';
export {
  DEFAULT_WEEKLY_HOURS,
  dueDatesFor,
  slaDueDates,
  type SlaDueDates,
  type SlaPolicyLike,
} from './sla-due';
export { changeTicket, type TicketChange, type TicketChanged, type TicketRow } from './change-ticket';
export { dueFlowEventsOf, flowEventPassed, type DueFlowEvent } from './ticket-flows-due';
export {
  recordTicketEvents,
  ticketDiff,
  ticketEventKey,
  type TicketActorRef,
  type TicketEventEntry,
} from './ticket-changes';
export type { NoteDoc } from './note';
export type { CannedReplyDoc } from './canned-reply';
export { appendReference, mailIdKey, recordThreadMessage, type EmailThreadDoc } from './email-thread';
export type { ContactImportDoc } from './contact-import';
export { CONTACT_IMPORT_CHUNK_BYTES, contactImportChunkId } from './contact-import-chunk';
// Service KPIs (docs/analytics.md).
export { markFirst } from './first-times';
export { applyDueKpis, KPI_BATCH, noteDueKpis } from './kpi-noted';
export { sweepKpiEvents } from './kpi-record';
// Flow funnels (docs/analytics.md, "Flow funnel").
export { recordFunnelFlush, funnelKey, funnelKeyName } from './funnel-record';
export type { FunnelBucketDoc } from './funnel-bucket';
