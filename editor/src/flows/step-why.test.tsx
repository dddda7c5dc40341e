import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { RunStep } from '@kefu/schemas/api';
import { useLang } from './i18n';
import { StepWhy } from './step-why';

type Step = Pick<RunStep, 'nodeType' | 'port' | 'why' | 'decision'>;

const conditionStep: Step = {
  nodeType: 'condition',
  port: 'false',
  why: {
    kind: 'condition',
    result: false,
    rule: {
      match: 'all',
      result: false,
      conditions: [
        { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip', saw: ['new'], result: false },
      ],
    },
    notTaken: [{ port: 'true', reason: 'rule-false' }],
  },
};

const knowledgeStep: Step = {
  nodeType: 'answer-from-knowledge-base',
  port: 'not-found',
  why: {
    kind: 'knowledge',
    outcome: 'below-threshold',
    query: 'when do you open',
    confidence: 0.42,
    threshold: 0.6,
    best: { articleId: 'a1', question: 'Opening hours', confidence: 0.42 },
    runnerUp: { articleId: 'a2', question: 'Shipping times', confidence: 0.38 },
    notTaken: [{ port: 'answered', reason: 'below-threshold' }],
  },
};

const switchStep: Step = {
  nodeType: 'switch',
  port: 'chat',
  why: {
    kind: 'switch',
    cases: [
      {
        port: 'mail',
        label: 'Mail',
        result: false,
        rule: {
          match: 'any',
          result: false,
          conditions: [
            { fact: 'channel', operator: 'equal', value: 'email', saw: 'web', result: false },
            {
              fact: 'message',
              path: '$.text',
              operator: 'containsText',
              value: 'email',
              saw: 'hi',
              result: false,
            },
          ],
        },
      },
      { port: 'chat', label: 'Chat', result: true },
      { port: 'api', label: 'API', result: null },
    ],
    notTaken: [
      { port: 'mail', reason: 'rule-false' },
      { port: 'api', reason: 'earlier-case-matched' },
      { port: 'default', reason: 'a-case-matched' },
    ],
  },
};
const switchConfig = {
  cases: [
    { port: 'mail', label: 'Mail', when: { all: [] } },
    { port: 'chat', label: 'Chat', when: { all: [] } },
    { port: 'api', label: 'API', when: { all: [] } },
  ],
};

const routingStep: Step = {
  nodeType: 'route-to-team',
  port: 'assigned',
  why: {
    kind: 'routing',
    teamId: 'support',
    strategy: 'skills',
    skills: ['billing'],
    offeredTo: 'a4',
    acceptedBy: 'a4',
    candidates: [
      { agentId: 'a1', name: 'Li', outcome: 'offline', load: 0, maxConcurrent: 3 },
      { agentId: 'a2', name: 'Wang', outcome: 'full', load: 3, maxConcurrent: 3 },
      {
        agentId: 'a3',
        name: 'Zhao',
        outcome: 'lacks-skill',
        load: 0,
        maxConcurrent: 3,
        missingSkills: ['billing'],
      },
      { agentId: 'a4', name: 'Qian', outcome: 'chosen', load: 1, maxConcurrent: 3 },
    ],
    candidatesMore: 2,
  },
};

const text = () => screen.getByTestId('step-why').textContent;

afterEach(() => {
  cleanup();
  useLang.setState({ lang: 'en' });
});

describe('StepWhy', () => {
  it("says a condition's rule, the value it saw, its result, the branch taken and the one not taken", () => {
    useLang.setState({ lang: 'en' });
    render(<StepWhy step={conditionStep} config={{}} />);
    expect(
      screen.getByText("Condition: contact.tags list contains 'vip' — saw ['new'] → false; took 'false'"),
    ).toBeTruthy();
    expect(screen.getByText("Not taken: 'true' (its rule was false)")).toBeTruthy();
  });

  it('names, for a rule of several comparisons, the one that settled it, and lists them all', () => {
    const step: Step = {
      nodeType: 'condition',
      port: 'false',
      why: {
        kind: 'condition',
        result: false,
        rule: {
          match: 'all',
          result: false,
          conditions: [
            {
              fact: 'message',
              path: '$.text',
              operator: 'containsText',
              value: 'hours',
              saw: 'hours?',
              result: true,
            },
            { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip', saw: [], result: false },
          ],
        },
        notTaken: [{ port: 'true', reason: 'rule-false' }],
      },
    };
    render(<StepWhy step={step} config={{}} />);
    expect(
      screen.getByText(
        "Condition: all of 2 conditions → false (contact.tags list contains 'vip' — saw [] → false); took 'false'",
      ),
    ).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "• message.text text contains 'hours' — saw 'hours?' → true",
      "• contact.tags list contains 'vip' — saw [] → false",
    ]);
  });

  it('says it in Chinese, with the ports as the version labels them', () => {
    useLang.setState({ lang: 'zh' });
    render(<StepWhy step={conditionStep} config={{}} />);
    expect(
      screen.getByText("条件：contact.tags 列表包含 'vip' — 实际值 ['new'] → 不成立；走了“否”"),
    ).toBeTruthy();
    expect(screen.getByText('未走：“是”（规则不成立）')).toBeTruthy();
  });

  it("says a knowledge-base step's confidence against its threshold and the runner-up", () => {
    render(<StepWhy step={knowledgeStep} config={{}} />);
    expect(
      screen.getByText(
        "Knowledge base: 'Opening hours' 0.42 < threshold 0.60; runner-up 'Shipping times' 0.38 → no answer; took 'not found'",
      ),
    ).toBeTruthy();
    expect(text()).toContain("Asked: 'when do you open'");
    cleanup();
    useLang.setState({ lang: 'zh' });
    render(<StepWhy step={knowledgeStep} config={{}} />);
    expect(
      screen.getByText(
        '知识库：“Opening hours” 0.42 < 阈值 0.60；次佳 “Shipping times” 0.38 → 不回答；走了“未找到”',
      ),
    ).toBeTruthy();
  });

  it("lists a switch's cases: the one that matched, those whose rule was false with their values, those not checked", () => {
    render(<StepWhy step={switchStep} config={switchConfig} />);
    expect(screen.getByText("Switch: case 'Chat' matched; took 'Chat'")).toBeTruthy();
    const lines = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      "Case 'Mail': any of 2 conditions → false",
      "  • channel equals 'email' — saw 'web' → false",
      "  • message.text text contains 'email' — saw 'hi' → false",
      "Case 'Chat' → true",
      "Case 'API': not checked, an earlier case matched",
    ]);
    expect(
      screen.getByText(
        "Not taken: 'Mail' (its rule was false); 'API' (an earlier case matched); 'otherwise' (a case matched)",
      ),
    ).toBeTruthy();
  });

  it('lists the agents routing passed over and why, by name', () => {
    render(<StepWhy step={routingStep} config={{ teamId: 'support' }} />);
    expect(screen.getByText("Routing (by skills): accepted by Qian; took 'assigned'")).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Skills needed: billing',
      'Li: offline (chats 0/3)',
      'Wang: full (chats 3/3)',
      'Zhao: lacks skill billing (chats 0/3)',
      'Qian: chosen (chats 1/3)',
      '… and 2 more',
    ]);
    cleanup();
    useLang.setState({ lang: 'zh' });
    render(<StepWhy step={routingStep} config={{ teamId: 'support' }} />);
    expect(screen.getByText('Li：离线（会话 0/3）')).toBeTruthy();
  });

  it('shows one line on the canvas, and the old decision text for steps recorded before why-traces', () => {
    render(<StepWhy step={knowledgeStep} config={{}} brief />);
    expect(screen.getByTestId('step-why-brief').textContent).toMatch(
      /^Knowledge base: 'Opening hours' 0.42 < threshold 0.60/,
    );
    expect(screen.queryByTestId('step-why')).toBeNull();
    cleanup();
    const old = { nodeType: 'switch', port: 'default', decision: 'no case matched' };
    render(<StepWhy step={old} config={{}} brief />);
    expect(screen.queryByTestId('step-why-brief')).toBeNull();
    render(<StepWhy step={old} config={{}} />);
    expect(screen.getByText('no case matched')).toBeTruthy();
  });
});
