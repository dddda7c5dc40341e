import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { AgentProfileWire } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';
import { useConsoleWords } from './words';

type Presence = AgentProfileWire['presence'];

interface AgentStatus {
  profile: AgentProfileWire | null;
  failed: boolean;
  refresh(): Promise<void>;
  set(change: { presence?: Presence; maxConcurrent?: number }): Promise<void>;
}

/** My presence, capacity and load (/agents/me); the inbox refreshes it when work comes or goes. */
export const useAgentStatus = create<AgentStatus>((set) => ({
  profile: null,
  failed: false,
  async refresh() {
    try {
      set({ profile: await apiCall<AgentProfileWire>('GET', '/agents/me'), failed: false });
    } catch {
      set({ failed: true });
    }
  },
  async set(change) {
    try {
      set({ profile: await apiCall<AgentProfileWire>('PATCH', '/agents/me', change), failed: false });
    } catch {
      set({ failed: true });
    }
  },
}));

/** Online / away / offline and the most chats I take at once, in the console's header. */
export function PresenceSwitch() {
  const { t } = useConsoleWords();
  const { profile, failed } = useAgentStatus();
  const [capacity, setCapacity] = useState('');
  useEffect(() => {
    void useAgentStatus.getState().refresh();
  }, []);
  useEffect(() => {
    if (profile) setCapacity(String(profile.maxConcurrent));
  }, [profile]);
  if (!profile) return failed ? <span className="error small">{t('presenceFailed')}</span> : null;

  const saveCapacity = () => {
    const value = Number(capacity);
    if (Number.isInteger(value) && value >= 0 && value <= 100 && value !== profile.maxConcurrent)
      void useAgentStatus.getState().set({ maxConcurrent: value });
    else setCapacity(String(profile.maxConcurrent));
  };
  return (
    <div className="presence" data-presence={profile.presence}>
      <span className="presence-dot" aria-hidden="true" />
      <select
        aria-label={t('presence')}
        value={profile.presence}
        onChange={(e) => void useAgentStatus.getState().set({ presence: e.target.value as Presence })}
      >
        <option value="online">{t('online')}</option>
        <option value="away">{t('away')}</option>
        <option value="offline">{t('offline')}</option>
      </select>
      <label className="capacity">
        {t('capacity')}
        <input
          type="number"
          min={0}
          max={100}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          onBlur={saveCapacity}
          onKeyDown={(e) => e.key === 'Enter' && saveCapacity()}
        />
      </label>
      <span className="muted small" title={t('load')}>
        {profile.load}/{profile.maxConcurrent} {t('load')}
      </span>
      {failed && (
        <span className="error small" role="alert">
          {t('presenceFailed')}
        </span>
      )}
    </div>
  );
}
