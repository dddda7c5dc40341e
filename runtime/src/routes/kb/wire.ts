import type { KbArticleWire } from '@kefu/schemas/api';
import type { KbArticleDoc } from '../../models';

export function toWireArticle(doc: KbArticleDoc & { _id: unknown; updatedAt?: Date }): KbArticleWire {
  return {
    id: String(doc._id),
    question: doc.question,
    phrasings: [...doc.phrasings],
    answer: doc.answer,
    tags: [...doc.tags],
    locale: doc.locale,
    enabled: doc.enabled,
    updatedAt: (doc.updatedAt ?? new Date(0)).toISOString(),
  };
}
