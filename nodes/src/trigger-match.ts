import type { CompiledFlow } from '@kefu/schemas';
import type { TriggerEvent, TriggerFacts } from './define-node';
import { findNode } from './registry';

/**
 * Whether a published flow starts on this event: its trigger node listens to `event` and that
 * node's filters (channels, keywords, priorities, changed fields ...) accept the facts. The API
 * calls this when it picks the active flow for an incoming event.
 */
export function flowAcceptsEvent(flow: CompiledFlow, event: TriggerEvent, facts: TriggerFacts): boolean {
  const start = flow.nodes[flow.startNodeId];
  const trigger = start ? findNode(start.type)?.trigger : undefined;
  if (!start || !trigger || trigger.event !== event) return false;
  try {
    return trigger.matches(start.config, facts);
  } catch {
    // A filter that cannot read these facts does not accept them.
    return false;
  }
}
