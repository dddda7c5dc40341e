import { createContext, useContext } from 'react';
import type { Me } from '@kefu/schemas/api';

/** Who is signed in, for any screen of the console that needs the user or workspace. */
export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside the signed-in console');
  return me;
}
