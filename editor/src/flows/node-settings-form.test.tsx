import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { findNode, type AnyNodeDefinition } from '@kefu/nodes';
import { compileFlow } from '@kefu/nodes/compiler';
import { defaultConfig } from './catalog';
import { useLang } from './i18n';
import { VariablesContext } from './known-variables';
import { NodeSettingsForm, type FieldProblem } from './node-settings-form';

afterEach(() => {
  cleanup();
  act(() => useLang.getState().setLang('en'));
});

const def = (kind: string) => findNode(kind) as AnyNodeDefinition;
let latest: Record<string, unknown> = {};
function Harness(props: { kind: string; problems?: FieldProblem[]; focus?: { field: string; seq: number } }) {
  const [config, setConfig] = useState(() => defaultConfig(def(props.kind)));
  return (
    <VariablesContext.Provider value={['orderNumber']}>
      <NodeSettingsForm
        def={def(props.kind)}
        config={config}
        problems={props.problems}
        focus={props.focus}
        onChange={(next) => {
          latest = next;
          setConfig(next);
        }}
      />
    </VariablesContext.Provider>
  );
}

/** A one-node-after-the-trigger draft, to ask the real compiler about a config. */
const draftWith = (type: string, config: Record<string, unknown>) => ({
  schemaVersion: 1,
  name: 'test',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'n', type, config },
  ],
  edges: [{ source: 'start', sourcePort: 'next', target: 'n' }],
});

describe('settings form generated from a node config schema', () => {
  it('draws send-message from its schema and the template widget previews the text', () => {
    render(<Harness kind="send-message" />);
    const text = screen.getByLabelText(/^Message/);
    expect(text.tagName).toBe('TEXTAREA');
    fireEvent.change(text, { target: { value: 'Hi {{contact.name}}, order {{vars.orderNumber}}' } });
    expect(latest.text).toBe('Hi {{contact.name}}, order {{vars.orderNumber}}');
    expect(screen.getByTestId('template-preview').textContent).toContain('Hi Alex Chen, order ‹orderNumber›');
    // The quick-reply array comes from the schema too.
    expect(screen.getByText('Quick-reply buttons')).toBeTruthy();
  });

  it('inserts a variable at the cursor from the picker', () => {
    render(<Harness kind="send-message" />);
    const text = screen.getByLabelText(/^Message/) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: 'Order  is on its way' } });
    text.setSelectionRange(6, 6);
    fireEvent.change(screen.getByLabelText('Insert variable'), { target: { value: 'vars.orderNumber' } });
    expect(latest.text).toBe('Order {{vars.orderNumber}} is on its way');
  });

  it('uses the Chinese titles when the UI is in Chinese', () => {
    act(() => useLang.getState().setLang('zh'));
    render(<Harness kind="ask-question" />);
    expect(screen.getByLabelText(/^问题/)).toBeTruthy();
    expect(screen.getByText('答案保存到变量')).toBeTruthy();
    // rjsf's own buttons follow the UI language too.
    expect(screen.getAllByTitle('添加').length).toBeGreaterThan(0);
  });

  it('produces a config the compiler accepts for ask-question (defaults plus the required fields)', () => {
    render(<Harness kind="ask-question" />);
    expect(compileFlow(draftWith('ask-question', latest)).ok).toBe(false);
    fireEvent.change(screen.getByLabelText(/^Question/), { target: { value: 'What is your order number?' } });
    fireEvent.change(screen.getByLabelText(/^Save the answer in variable/), {
      target: { value: 'orderNumber' },
    });
    expect(latest).toMatchObject({
      question: 'What is your order number?',
      saveAs: 'orderNumber',
      maxAttempts: 3,
    });
    const result = compileFlow(draftWith('ask-question', latest));
    // Only graph problems remain (its ports are not connected in this draft), none on the config.
    expect(result.ok ? [] : result.problems.filter((p) => p.code === 'config-invalid')).toEqual([]);
  });

  it('draws a rule builder for each switch case rule, with ids that match compiler paths', () => {
    render(<Harness kind="switch" />);
    // The schema asks for at least one case, so the form starts with one.
    expect(document.getElementById('cfg_cases_0_when')).toBeTruthy();
    fireEvent.change(document.getElementById('cfg_cases_0_when_all_0_value') as HTMLElement, {
      target: { value: 'refund' },
    });
    fireEvent.change(screen.getByLabelText(/^Port name/), { target: { value: 'refunds' } });
    const cases = latest.cases as { port: string; when: unknown }[];
    expect(cases[0]?.port).toBe('refunds');
    expect(cases[0]?.when).toEqual({
      all: [{ fact: 'message', path: '$.text', operator: 'containsText', value: 'refund' }],
    });
  });

  it('shows compiler problems under their field and focuses the field asked for', () => {
    const problems = [{ field: '/text', message: { en: 'Write the message', zh: '请填写消息' } }];
    render(<Harness kind="send-message" problems={problems} focus={{ field: '/text', seq: 1 }} />);
    expect(screen.getByText('Write the message')).toBeTruthy();
    expect(document.activeElement?.id).toBe('cfg_text');
  });
});
