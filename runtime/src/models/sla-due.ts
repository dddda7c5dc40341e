import { DEFAULT_WEEKLY_HOURS, addBusinessMinutes, type BusinessHoursConfig } from '@kefu/nodes';
import type { Models } from '.';
import type { TicketPriority } from './ticket';
import { defaultPolicyOf } from './sla-default';
import { workspaceHours } from './workspace-hours';

/** The hours a business-hours policy counts when it names none (the flows' SLA timer uses the same). */
export { DEFAULT_WEEKLY_HOURS };

export interface SlaPolicyLike {
  _id: unknown;
  targets?: Partial<
    Record<TicketPriority, { firstResponseMinutes?: number | null; resolutionMinutes?: number | null } | null>
  > | null;
  businessHoursOnly?: boolean | null;
  businessHours?: unknown;
}

export interface SlaDueDates {
  slaPolicyId?: unknown;
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date;
}

/**
 * Due dates of a ticket of `priority` opened (or re-prioritised) at `fromMs` under `policy`:
 * calendar minutes, or open business minutes in the policy's hours, else the workspace's hours
 * (owners' business-hours settings), else Mon–Fri 09:00–18:00 (time zone: the policy's, else the
 * workspace's). A priority without targets gets no due dates. Pure.
 */
export function dueDatesFor(
  policy: SlaPolicyLike,
  priority: TicketPriority,
  fromMs: number,
  workspaceZone: string,
  workspaceHours?: BusinessHoursConfig,
): SlaDueDates {
  const target = policy.targets?.[priority];
  if (!target) return { slaPolicyId: policy._id };
  const hours =
    (policy.businessHours as BusinessHoursConfig | undefined) ??
    (workspaceHours?.schedule.length ? workspaceHours : DEFAULT_WEEKLY_HOURS);
  const after = (minutes: number | null | undefined): Date | undefined => {
    if (!minutes) return undefined;
    const ms = policy.businessHoursOnly
      ? addBusinessMinutes(fromMs, minutes, hours, workspaceZone)
      : fromMs + minutes * 60_000;
    return ms === null ? undefined : new Date(ms);
  };
  const firstResponseDueAt = after(target.firstResponseMinutes);
  const resolutionDueAt = after(target.resolutionMinutes);
  return {
    slaPolicyId: policy._id,
    ...(firstResponseDueAt ? { firstResponseDueAt } : {}),
    ...(resolutionDueAt ? { resolutionDueAt } : {}),
  };
}

/** Due dates from the workspace's default SLA policy; none when it has no default policy. */
export async function slaDueDates(
  models: Pick<Models, 'SlaPolicy' | 'Workspace'>,
  workspaceId: string,
  priority: TicketPriority,
  fromMs: number,
): Promise<SlaDueDates> {
  const workspace = await models.Workspace.findOne(
    { _id: workspaceId },
    { timeZone: 1, businessHours: 1, defaultSlaPolicyId: 1 },
  ).lean();
  const pointer = defaultPolicyOf(workspace);
  if (pointer === null) return {};
  const policy = await models.SlaPolicy.findOne(
    pointer ? { workspaceId, _id: pointer } : { workspaceId, isDefault: true },
  ).lean();
  if (!policy) return {};
  const hours = workspace ? workspaceHours(workspace) : undefined;
  return dueDatesFor(policy as SlaPolicyLike, priority, fromMs, workspace?.timeZone ?? 'UTC', hours);
}
