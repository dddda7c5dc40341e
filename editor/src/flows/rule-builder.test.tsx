import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { checkCondition, type RuleCondition } from '@kefu/nodes';
import { RuleBuilder } from './rule-builder';

afterEach(cleanup);

let latest: RuleCondition | undefined;
function Harness({ initial }: { initial?: RuleCondition }) {
  const [value, setValue] = useState<RuleCondition | undefined>(initial);
  return (
    <RuleBuilder
      value={value}
      idPrefix="cfg_rule"
      variables={['orderNumber', 'score']}
      onChange={(next) => {
        latest = next;
        setValue(next);
      }}
    />
  );
}
const byId = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no element #${id}`);
  return el as HTMLInputElement & HTMLSelectElement;
};

describe('rule builder', () => {
  it('builds a rule from facts and operators that the compiler accepts', () => {
    render(<Harness />);
    // The first row is the catalog's first fact with a text test; fill its value.
    fireEvent.change(byId('cfg_rule_all_0_value'), { target: { value: 'refund' } });
    expect(latest).toEqual({
      all: [{ fact: 'message', path: '$.text', operator: 'containsText', value: 'refund' }],
    });
    expect(checkCondition(latest as RuleCondition, '/rule')).toEqual([]);

    // A second row on contact tags, "is one of" a list typed with commas.
    fireEvent.click(screen.getByRole('button', { name: '+ Add condition' }));
    fireEvent.change(byId('cfg_rule_all_1_fact'), { target: { value: 'contact' } });
    fireEvent.change(byId('cfg_rule_all_1_path'), { target: { value: 'tags' } });
    fireEvent.change(byId('cfg_rule_all_1_operator'), { target: { value: 'in' } });
    fireEvent.change(byId('cfg_rule_all_1_value'), { target: { value: 'vip, gold, 3' } });
    expect(latest).toEqual({
      all: [
        { fact: 'message', path: '$.text', operator: 'containsText', value: 'refund' },
        { fact: 'contact', path: '$.tags', operator: 'in', value: ['vip', 'gold', 3] },
      ],
    });
    expect(checkCondition(latest as RuleCondition, '/rule')).toEqual([]);
  });

  it('nests an any-group and switches the outer group to any', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add group' }));
    // Ids extend the rule's id with the compiler's field path, so a problem can focus its control.
    fireEvent.change(byId('cfg_rule_all_1_any_0_fact'), { target: { value: 'vars' } });
    fireEvent.change(byId('cfg_rule_all_1_any_0_path'), { target: { value: 'score' } });
    fireEvent.change(byId('cfg_rule_all_1_any_0_operator'), { target: { value: 'greaterThan' } });
    fireEvent.change(byId('cfg_rule_all_1_any_0_value'), { target: { value: '3' } });
    fireEvent.change(byId('cfg_rule'), { target: { value: 'any' } });
    expect(latest).toEqual({
      any: [
        { fact: 'message', path: '$.text', operator: 'containsText', value: '' },
        { any: [{ fact: 'vars', path: '$.score', operator: 'greaterThan', value: 3 }] },
      ],
    });
    expect(checkCondition(latest as RuleCondition, '/rule')).toEqual([]);
  });

  it('drops the field for a fact without one and keeps attribute paths', () => {
    render(
      <Harness
        initial={{ all: [{ fact: 'contact', path: '$.attributes.plan', operator: 'equal', value: 'pro' }] }}
      />,
    );
    expect(screen.getByLabelText('Field (attributes)')).toHaveProperty('value', 'plan');
    fireEvent.change(byId('cfg_rule_all_0_fact'), { target: { value: 'channel' } });
    expect(latest).toEqual({ all: [{ fact: 'channel', operator: 'equal', value: 'pro' }] });
    expect(document.getElementById('cfg_rule_all_0_path')).toBeNull();
  });

  it('removes a condition but never the last one', () => {
    render(
      <Harness
        initial={{
          all: [
            { fact: 'channel', operator: 'equal', value: 'web' },
            { fact: 'channel', operator: 'equal', value: 'api' },
          ],
        }}
      />,
    );
    const removes = screen.getAllByRole('button', { name: 'Remove condition' });
    expect(removes).toHaveLength(2);
    fireEvent.click(removes[0] as HTMLElement);
    expect(latest).toEqual({ all: [{ fact: 'channel', operator: 'equal', value: 'api' }] });
    expect(screen.queryAllByRole('button', { name: 'Remove condition' })).toHaveLength(0);
  });

  it('keeps an unknown fact visible so the compiler problem can be fixed', () => {
    const bad = { all: [{ fact: 'weather', operator: 'equal', value: 'sunny' }] };
    render(<Harness initial={bad} />);
    expect(byId('cfg_rule_all_0_fact').value).toBe('weather');
    expect(checkCondition(bad, '/rule').map((p) => p.field)).toEqual(['/rule/all/0/fact']);
  });
});
