import { createContext, useContext } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { apiCall } from '../shared/http';
import { useLoad } from '../shared/use-load';
import { useT } from './i18n';

/** A team or agent as a picker offers it: `value` is what the flow stores (team key, user id). */
export interface Choice {
  value: string;
  label: string;
}

export interface WorkspaceChoices {
  teams(): Promise<Choice[]>;
  agents(): Promise<Choice[]>;
}

interface Page<T> {
  items: T[];
}

/**
 * The workspace's teams (flows name them by key) and the people who can take work (enabled agents
 * and owners), as publish checks them (runtime `workspace-directory.ts`).
 */
export const httpWorkspaceChoices: WorkspaceChoices = {
  teams: async () =>
    (await apiCall<Page<{ key: string; name: string }>>('GET', '/teams?limit=100')).items.map((t) => ({
      value: t.key,
      label: t.name === t.key ? t.name : `${t.name} (${t.key})`,
    })),
  agents: async () =>
    (
      await apiCall<Page<{ id: string; name: string; email: string; disabled: boolean; roles: string[] }>>(
        'GET',
        '/users?limit=100',
      )
    ).items
      .filter((u) => !u.disabled && u.roles.some((r) => r === 'agent' || r === 'owner'))
      .map((u) => ({ value: u.id, label: u.name ? `${u.name} (${u.email})` : u.email })),
};

/** Tests give the settings form fake choices (held or failing requests). */
export const WorkspaceChoicesContext = createContext<WorkspaceChoices>(httpWorkspaceChoices);

function ChoicePicker(props: WidgetProps & { kind: 'teams' | 'agents' }) {
  const { t } = useT();
  const choices = useContext(WorkspaceChoicesContext);
  const list = useLoad(() => choices[props.kind](), props.kind);
  const value = typeof props.value === 'string' ? props.value : '';
  const known = list.data ?? [];
  // A value the workspace does not have stays visible, marked, so the owner sees what to fix.
  const missing = value !== '' && list.state === 'ready' && !known.some((c) => c.value === value);
  const empty = props.kind === 'teams' ? (props.required ? t('chooseTeam') : t('noTeam')) : t('chooseAgent');
  return (
    <span className="workspace-picker">
      <select
        id={props.id}
        aria-label={props.label}
        aria-busy={list.state === 'loading'}
        value={value}
        disabled={props.disabled || props.readonly}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        onBlur={() => props.onBlur(props.id, value)}
      >
        <option value="">{list.state === 'loading' && !list.data ? t('loadingChoices') : empty}</option>
        {known.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        {value !== '' && !known.some((c) => c.value === value) && (
          <option value={value}>{missing ? `${value} — ${t('missingChoice')}` : value}</option>
        )}
      </select>
      {list.state === 'failed' && (
        <span role="alert" className="picker-error">
          {t('choicesFailed')}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry')}
          </button>
        </span>
      )}
    </span>
  );
}

export const TeamWidget = (props: WidgetProps) => <ChoicePicker {...props} kind="teams" />;
export const AgentWidget = (props: WidgetProps) => <ChoicePicker {...props} kind="agents" />;
