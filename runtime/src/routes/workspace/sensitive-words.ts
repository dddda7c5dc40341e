import type { FastifyInstance } from 'fastify';
import {
  emptySchema,
  errorResponses,
  sensitiveCheckBodySchema,
  sensitiveScreeningSchema,
  sensitiveWordsSchema,
  type SensitiveCheckBody,
  type SensitiveWords,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { foldWord } from '../../moderation/fold-text';
import { compileSensitiveWords } from '../../moderation/sensitive-matcher';

/**
 * The owners' sensitive words (docs/sensitive-words.md): the whole list is read and replaced at
 * once, so an import and an edit are the same request and a half-applied list never exists.
 */
export function sensitiveWordRoutes(app: FastifyInstance): void {
  const { SensitiveWordList } = app.models;
  const tags = ['workspace'];

  app.get(
    '/workspace/sensitive-words',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Sensitive words and what each category does',
        querystring: emptySchema,
        response: { 200: sensitiveWordsSchema, ...errorResponses },
      },
    },
    async (request) => await app.sensitiveWords.list(staff(request).workspaceId),
  );

  app.put<{ Body: SensitiveWords }>(
    '/workspace/sensitive-words',
    {
      config: { roles: ['owner'] },
      // 10,000 words of up to 40 characters with their categories pass the app's 1 MiB default.
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Replace the sensitive words',
        description:
          'Every category key once; every word in a category of the list. A word repeated (ignoring case, ' +
          'full-width letters, spaces and symbols) is kept once. Applies to new messages at once on this API ' +
          'process, within seconds on the others.',
        body: sensitiveWordsSchema,
        response: { 200: sensitiveWordsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const body = checkList(request.body);
      const before = await app.sensitiveWords.list(auth.workspaceId);
      await SensitiveWordList.updateOne({ workspaceId: auth.workspaceId }, { $set: body }, { upsert: true });
      app.sensitiveWords.forget(auth.workspaceId);
      await app.audit.record(auth, {
        action: 'sensitive-words.update',
        targetType: 'workspace',
        targetId: auth.workspaceId,
        before: summary(before),
        after: summary(body),
      });
      return body;
    },
  );

  app.post<{ Body: SensitiveCheckBody }>(
    '/workspace/sensitive-words/check',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'What the sensitive words do to a message',
        description:
          'The text as it would be stored, the blocking category if any, and every hit. Nothing is stored.',
        body: sensitiveCheckBodySchema,
        response: { 200: sensitiveScreeningSchema, ...errorResponses },
      },
    },
    async (request) => {
      const list = await app.sensitiveWords.list(staff(request).workspaceId);
      return compileSensitiveWords(list).screen(request.body.text);
    },
  );
}

/** The list as stored: refused when a key repeats or a word names no category; repeated words once. */
function checkList(body: SensitiveWords): SensitiveWords {
  const keys = new Set<string>();
  body.categories.forEach((c, i) => {
    if (keys.has(c.key))
      throw new KefuError(
        'KEFU_ERR_VALIDATION',
        `Category "${c.key}" is listed twice`,
        `body/categories/${i}/key`,
      );
    keys.add(c.key);
  });
  const seen = new Set<string>();
  const words: SensitiveWords['words'] = [];
  body.words.forEach((w, i) => {
    if (!keys.has(w.category))
      throw new KefuError(
        'KEFU_ERR_VALIDATION',
        `No category "${w.category}" in the list for the word "${w.text}"`,
        `body/words/${i}/category`,
      );
    const folded = foldWord(w.text);
    if (!folded)
      throw new KefuError(
        'KEFU_ERR_VALIDATION',
        `"${w.text}" has no letter or digit: spaces and symbols are not matched`,
        `body/words/${i}/text`,
      );
    if (seen.has(folded)) return;
    seen.add(folded);
    words.push({ text: w.text.trim(), category: w.category });
  });
  return { categories: body.categories, words };
}

const summary = (l: SensitiveWords) => ({
  categories: l.categories.map((c) => `${c.key}:${c.action}`),
  words: l.words.length,
});
