import { useEffect } from 'react';
import { create } from 'zustand';
import type { Me } from '@kefu/schemas/api';
import { callJson } from './flow-store-api';

/**
 * Who is signed in, for what the designer offers: owners change flows; analysts (and anyone else
 * the flows API lets read) see them read-only. The API enforces this; the UI only stops offering it.
 */
interface RoleState {
  /** null until /session answered (or when it could not). */
  canEdit: boolean | null;
  load(): Promise<void>;
}

export const useRole = create<RoleState>((set) => ({
  canEdit: null,
  async load() {
    try {
      const me = await callJson<Me>('GET', '/session');
      set({ canEdit: me.user.roles.includes('owner') });
    } catch {
      set({ canEdit: null });
    }
  },
}));

/** Asks /session once per mount; sign-in pages call `load` again after signing in. */
export function useCanEdit(): boolean | null {
  const canEdit = useRole((s) => s.canEdit);
  useEffect(() => {
    void useRole.getState().load();
  }, []);
  return canEdit;
}
