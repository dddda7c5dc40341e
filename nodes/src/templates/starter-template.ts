import type { FlowDraft, FlowKind } from '@kefu/schemas';
import type { LocalText } from '../text';

/** A ready-made flow an owner starts from; the draft is copied into a new flow and edited from there. */
export interface StarterTemplate {
  id: string;
  kind: FlowKind;
  name: LocalText;
  description: LocalText;
  draft: FlowDraft;
}
