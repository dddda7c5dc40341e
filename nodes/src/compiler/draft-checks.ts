import { flowDraftSchema, migrateDraft, type FlowDraft } from '@kefu/schemas';
import { checker } from '@kefu/schemas/validate';
import type { FlowProblem } from './problem';

const checkDraft = checker<FlowDraft>(flowDraftSchema);

/** Brings the draft to the current format and checks its shape; every ajv error becomes a problem. */
export function readDraft(input: unknown): { ok: true; draft: FlowDraft } | { ok: false; problems: FlowProblem[] } {
  const migrated = migrateDraft(input);
  if (!migrated.ok)
    return {
      ok: false,
      problems: [
        {
          code: 'draft-version',
          field: '/schemaVersion',
          message: { en: migrated.message, zh: `无法识别的流程格式：${migrated.message}` },
        },
      ],
    };
  const shape = checkDraft(migrated.draft);
  if (shape.ok) return { ok: true, draft: shape.value };
  return {
    ok: false,
    problems: shape.problems.map((p) => ({
      code: 'draft-shape',
      field: p.field,
      message: { en: `${p.field || 'flow'} ${p.message}`, zh: `${p.field || '流程'} 格式不正确：${p.message}` },
    })),
  };
}
