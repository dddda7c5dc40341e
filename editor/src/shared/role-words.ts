import type { Role } from '@kefu/schemas/api';
import { makeUseWords } from './use-words';

/** The console roles' names, the same on the invite screen, the accept page and wherever roles show. */
export const useRoleWords = makeUseWords<Role>({
  owner: { en: 'Owner', zh: '所有者' },
  agent: { en: 'Agent', zh: '客服' },
  analyst: { en: 'Analyst', zh: '分析师' },
});
