import type { Payload } from '@temporalio/common';

const utf8 = new TextDecoder();
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * The workspaces decoded payloads name: a run's input, an activity's input and most results carry
 * `workspaceId` at their top level. The codec endpoint writes its audit entries to these
 * workspaces and refuses an owner payloads of another; a payload that names none (a signal's text)
 * adds nothing.
 */
export function workspacesNamed(payloads: readonly Payload[]): Set<string> {
  const found = new Set<string>();
  for (const payload of payloads) {
    const encoding = payload.metadata?.encoding;
    if (!encoding || utf8.decode(encoding) !== 'json/plain' || !payload.data) continue;
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(payload.data));
    } catch {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      const id = (item as { workspaceId?: unknown } | null)?.workspaceId;
      if (typeof id === 'string' && OBJECT_ID.test(id)) found.add(id);
    }
  }
  return found;
}
