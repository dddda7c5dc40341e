import type { NodeProblem } from '../define-node';
import type { QuickReply } from '../run-context';

/** Two buttons with the same text cannot be told apart by the customer. */
export function checkQuickReplies(replies: readonly QuickReply[] | undefined, field: string): NodeProblem[] {
  const seen = new Set<string>();
  const problems: NodeProblem[] = [];
  (replies ?? []).forEach((reply, i) => {
    const key = reply.label.trim().toLowerCase();
    if (seen.has(key))
      problems.push({
        field: `${field}/${i}/label`,
        message: { en: `Two buttons say "${reply.label}"`, zh: `按钮文字 "${reply.label}" 重复` },
      });
    seen.add(key);
  });
  return problems;
}
