import type { FlowDraft, FlowKind } from '@kefu/schemas';
import type { LocalText } from '../text';

/**
 * What a template says to people, in another language than its draft's English: the flow's name and
 * description, and per node id its caption and the config fields that are words (messages,
 * questions, ticket subjects, notes). Everything else (ids, ports, rules) is the draft's.
 */
export interface TemplateWords {
  name: string;
  description: string;
  nodes: Record<string, { label?: string; config?: Record<string, string> }>;
}

/** A ready-made flow an owner starts from; the draft is copied into a new flow and edited from there. */
export interface StarterTemplate {
  id: string;
  kind: FlowKind;
  name: LocalText;
  description: LocalText;
  /** In English. */
  draft: FlowDraft;
  /** The same flow's words in Chinese, so a Chinese shop's customers are not greeted in English. */
  zh: TemplateWords;
}

export type TemplateLanguage = 'en' | 'zh';

/** The template's draft with its words in `language`. */
export function templateDraft(template: StarterTemplate, language: TemplateLanguage): FlowDraft {
  const draft = structuredClone(template.draft);
  if (language === 'en') return draft;
  const words = template[language];
  return {
    ...draft,
    name: words.name,
    description: words.description,
    nodes: draft.nodes.map((node) => {
      const own = words.nodes[node.id];
      if (!own) return node;
      return {
        ...node,
        ...(own.label ? { label: own.label } : {}),
        config: { ...(node.config as Record<string, unknown>), ...own.config },
      };
    }),
  };
}
