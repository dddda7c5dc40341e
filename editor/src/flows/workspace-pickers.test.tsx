import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { findNode, type AnyNodeDefinition } from '@kefu/nodes';
import { defaultConfig } from './catalog';
import { useLang } from './i18n';
import { NodeSettingsForm } from './node-settings-form';
import { WorkspaceChoicesContext, type Choice, type WorkspaceChoices } from './workspace-pickers';

afterEach(() => {
  cleanup();
  act(() => useLang.getState().setLang('en'));
});

const TEAMS: Choice[] = [
  { value: 'support', label: 'Support' },
  { value: 'after-sales', label: '售后 (after-sales)' },
];
const AGENTS: Choice[] = [{ value: 'u1', label: 'Li Mei (li@shop.test)' }];
const ready: WorkspaceChoices = { teams: async () => TEAMS, agents: async () => AGENTS };

let latest: Record<string, unknown> = {};
function Harness(props: { kind: string; choices: WorkspaceChoices; config?: Record<string, unknown> }) {
  const def = findNode(props.kind) as AnyNodeDefinition;
  const [config, setConfig] = useState(() => ({ ...defaultConfig(def), ...props.config }));
  return (
    <WorkspaceChoicesContext.Provider value={props.choices}>
      <NodeSettingsForm
        def={def}
        config={config}
        onChange={(next) => {
          latest = next;
          setConfig(next);
        }}
      />
    </WorkspaceChoicesContext.Provider>
  );
}

describe('team and agent pickers', () => {
  it("chooses a route step's team from the workspace, stored by key", async () => {
    render(<Harness kind="route-to-team" choices={ready} />);
    const team = screen.getByRole('combobox', { name: 'Team' });
    await screen.findByRole('option', { name: '售后 (after-sales)' });
    fireEvent.change(team, { target: { value: 'after-sales' } });
    expect(latest.teamId).toBe('after-sales');
  });

  it('gives a created ticket a team and an assignee, and shows a missing one as such', async () => {
    render(
      <Harness kind="create-ticket" choices={ready} config={{ subject: 'Call back', teamId: 'gone' }} />,
    );
    await screen.findByRole('option', { name: 'gone — not in this workspace' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Assign to agent (optional)' }), {
      target: { value: 'u1' },
    });
    expect(latest).toMatchObject({ teamId: 'gone', assigneeId: 'u1' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Team (optional)' }), { target: { value: '' } });
    expect(latest.teamId).toBeUndefined();
  });

  it('says it is loading while the list is on its way', async () => {
    let release: (teams: Choice[]) => void = () => {};
    const held: WorkspaceChoices = {
      teams: () => new Promise<Choice[]>((resolve) => (release = resolve)),
      agents: async () => AGENTS,
    };
    render(<Harness kind="route-to-team" choices={held} />);
    const team = screen.getByRole('combobox', { name: 'Team' });
    expect(team.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('option', { name: 'Loading…' })).toBeTruthy();
    act(() => release(TEAMS));
    await screen.findByRole('option', { name: 'Support' });
    expect(team.getAttribute('aria-busy')).toBe('false');
  });

  it('shows a failed list with a retry that loads it again', async () => {
    let calls = 0;
    const flaky: WorkspaceChoices = {
      teams: async () => {
        calls += 1;
        if (calls === 1) throw new Error('503');
        return TEAMS;
      },
      agents: async () => AGENTS,
    };
    render(<Harness kind="route-to-team" choices={flaky} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the list.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('option', { name: 'Support' });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('speaks Chinese', async () => {
    act(() => useLang.getState().setLang('zh'));
    render(<Harness kind="create-ticket" choices={ready} config={{ subject: 'x' }} />);
    expect(screen.getByRole('combobox', { name: '团队（可选）' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: '指派给客服（可选）' })).toBeTruthy();
    await screen.findAllByRole('option', { name: '不指派' });
  });
});

describe('pattern picker', () => {
  it('offers the presets by name and stores the preset, or a custom expression', async () => {
    render(
      <Harness
        kind="ask-question"
        choices={ready}
        config={{ question: 'Order?', saveAs: 'order', answerType: 'pattern' }}
      />,
    );
    const picker = screen.getByRole('combobox', { name: 'Pattern the answer must match' });
    expect(screen.getByRole('option', { name: 'Order number (QY + 8 digits)' })).toBeTruthy();
    fireEvent.change(picker, { target: { value: 'order-number' } });
    expect(latest.pattern).toBe('preset:order-number');
    fireEvent.change(picker, { target: { value: '__custom' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Regular expression' }), {
      target: { value: '^QY\\d{8}$' },
    });
    expect(latest.pattern).toBe('^QY\\d{8}$');
  });

  it('draws the rule operator "matches pattern" with the presets in Chinese', () => {
    act(() => useLang.getState().setLang('zh'));
    render(
      <Harness
        kind="condition"
        choices={ready}
        config={{
          rule: {
            all: [{ fact: 'message', path: '$.text', operator: 'matchesPattern', value: 'preset:cn-mobile' }],
          },
        }}
      />,
    );
    const value = screen.getByRole('combobox', { name: '值' }) as HTMLSelectElement;
    expect(value.selectedOptions[0]?.textContent).toBe('中国大陆手机号');
    expect(screen.getByRole('option', { name: '匹配模式' })).toBeTruthy();
  });
});

describe('fixed choices', () => {
  it('shows stored option values by their labels in the UI language', () => {
    act(() => useLang.getState().setLang('zh'));
    render(<Harness kind="route-to-team" choices={ready} />);
    const strategy = screen.getByRole('combobox', { name: '分配策略' }) as HTMLSelectElement;
    expect([...strategy.options].map((o) => o.textContent)).toEqual(['最少负载', '轮流分配', '按技能']);
  });
});
