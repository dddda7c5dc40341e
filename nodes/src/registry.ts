import type { AnyNodeDefinition } from './define-node';
import { conversationStarted } from './conversation-started';
import { sendMessage } from './send-message';
import { waitForReply } from './wait-for-reply';
import { end } from './end';

/**
 * The one ordered list of node types. The palette, the editor's node types, the compiler and the
 * interpreter all read it; `registry.test.ts` fails when a node folder is missing from it.
 */
export const nodeRegistry: readonly AnyNodeDefinition[] = [conversationStarted, sendMessage, waitForReply, end];

const byKind = new Map(nodeRegistry.map((n) => [n.kind, n]));

export function findNode(kind: string): AnyNodeDefinition | undefined {
  return byKind.get(kind);
}
