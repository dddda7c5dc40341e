import { autoReplyTemplate } from './auto-reply';
import { escalationTemplate } from './escalation';
import { routingTemplate } from './routing';
import type { StarterTemplate } from './starter-template';
import { surveyTemplate } from './survey';

export {
  templateDraft,
  type StarterTemplate,
  type TemplateLanguage,
  type TemplateWords,
} from './starter-template';

/** The starter flows, one per kind owners asked for. */
export const starterTemplates: readonly StarterTemplate[] = [
  routingTemplate,
  autoReplyTemplate,
  escalationTemplate,
  surveyTemplate,
];

export function findTemplate(id: string): StarterTemplate | undefined {
  return starterTemplates.find((t) => t.id === id);
}
