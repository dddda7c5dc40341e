import type { AllConversation, ConversationState, InboxConversation, Page, Run } from '@kefu/schemas/api';
import { apiCall, queryString } from '../shared/http';
import { createHttpInboxApi, type ThreadMessage, type TransferTarget } from './inbox-api';

/** What the all-conversations view filters by; empty strings are "any". */
export interface ConversationFilter {
  state: '' | ConversationState;
  channel: '' | 'web' | 'email' | 'api';
  teamId: string;
  tag: string;
  /** Days (yyyy-mm-dd, the browser's zone): last activity on or after `from`, on or before `to`. */
  from: string;
  to: string;
}

export const NO_FILTER: ConversationFilter = {
  state: '',
  channel: '',
  teamId: '',
  tag: '',
  from: '',
  to: '',
};

/** The one seam between the all-conversations screens and the network, so component tests can stand in. */
export interface AllConversationsApi {
  list(filter: ConversationFilter, cursor?: string): Promise<Page<AllConversation>>;
  conversation(id: string): Promise<InboxConversation>;
  messages(id: string): Promise<ThreadMessage[]>;
  runs(conversationId: string): Promise<Run[]>;
  teams(): Promise<TransferTarget[]>;
}

/** GET /inbox/all (owners), the transcript and runs of one conversation. */
export function createHttpAllConversationsApi(): AllConversationsApi {
  const inbox = createHttpInboxApi();
  return {
    list: (filter, cursor) =>
      apiCall<Page<AllConversation>>(
        'GET',
        `/inbox/all${queryString({
          state: filter.state,
          channel: filter.channel,
          teamId: filter.teamId,
          tag: filter.tag.trim(),
          from: dayStart(filter.from),
          to: dayStart(filter.to, 1),
          limit: 25,
          cursor,
        })}`,
      ),
    conversation: (id) => apiCall<InboxConversation>('GET', `/inbox/conversations/${id}`),
    messages: (id) => inbox.messages(id),
    runs: async (conversationId) =>
      (await apiCall<Page<Run>>('GET', `/runs${queryString({ conversationId, limit: 20 })}`)).items,
    teams: () => inbox.teams(),
  };
}

/** The start of a local day (plus `days`) as an ISO time, or undefined for no day. */
function dayStart(day: string, days = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}
