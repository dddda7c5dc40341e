import type { BusinessHoursConfig } from '@kefu/nodes';

/** A workspace document's hours as stored (Workspace.businessHours plus its time zone). */
export interface WorkspaceHoursDoc {
  timeZone?: string | null;
  businessHours?: {
    schedule?: { day?: string | null; open?: string | null; close?: string | null }[];
    holidays?: string[];
  } | null;
}

export type WorkspaceHours = BusinessHoursConfig & { timeZone: string; holidays: string[] };

/**
 * The workspace's hours in the business-hours node's shape: what the API shows, what flow facts
 * carry (`facts.workspace`) and what SLA policies without hours of their own count.
 */
export function workspaceHours(doc: WorkspaceHoursDoc): WorkspaceHours {
  return {
    timeZone: doc.timeZone ?? 'UTC',
    schedule: (doc.businessHours?.schedule ?? []).map((s) => ({
      day: s.day as BusinessHoursConfig['schedule'][number]['day'],
      open: s.open ?? '',
      close: s.close ?? '',
    })),
    holidays: [...(doc.businessHours?.holidays ?? [])],
  };
}
