import { resealPersonalData } from '../../privacy/reseal';
import { defineMigration } from './define-migration';

/**
 * A store from before encryption at rest: contacts' names, emails and phones and email threads'
 * addresses are sealed with the current data key, and the contacts' lookup keys become blind
 * indexes (docs/privacy.md). The same pass as `npm run rotate-keys`; idempotent.
 */
export const sealPersonalData = defineMigration({
  id: '0006-seal-personal-data',
  async up(models, log) {
    const report = await resealPersonalData(models, { log });
    return { ...report };
  },
});
