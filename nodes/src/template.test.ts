import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePaths } from './template';

describe('renderTemplate', () => {
  const scope = { contact: { name: 'Lin', tags: ['vip'] }, vars: { order: 'A-1024', count: 0 } };

  it('substitutes plain property paths', () => {
    expect(renderTemplate('Hi {{contact.name}}, order {{ vars.order }} ({{vars.count}})', scope)).toBe(
      'Hi Lin, order A-1024 (0)',
    );
  });

  it('renders missing values and objects as empty text', () => {
    expect(renderTemplate('[{{contact.email}}][{{contact}}][{{nothing.at.all}}]', scope)).toBe('[][][]');
  });

  it('interprets nothing but paths: no expressions, no prototype walking', () => {
    expect(renderTemplate('{{constructor.name}}{{__proto__}}{{contact.name.length}}', scope)).toBe('');
    expect(renderTemplate('{{ 1 + 1 }} {{contact.name | upper}} {{#each x}}', scope)).toBe(
      '{{ 1 + 1 }} {{contact.name | upper}} {{#each x}}',
    );
  });

  it('lists the paths a template reads', () => {
    expect(templatePaths('{{contact.name}} and {{vars.order}}')).toEqual(['contact.name', 'vars.order']);
    expect(templatePaths('Hi {{ contact.email | default: "there" }}')).toEqual(['contact.email']);
  });

  it('says the fallback of a missing, empty or blank value, and the value when there is one', () => {
    const nameless = { contact: { name: '  ' }, vars: {} };
    expect(renderTemplate('Message from {{contact.name | default: "a visitor"}}', nameless)).toBe(
      'Message from a visitor',
    );
    expect(
      renderTemplate('{{vars.order|default:"no order"}} {{contact.email | default: ""}}!', nameless),
    ).toBe('no order !');
    expect(renderTemplate('Hi {{contact.name | default: "there"}}', scope)).toBe('Hi Lin');
    expect(renderTemplate('{{vars.count | default: "none"}}', scope)).toBe('0');
    // Only a quoted fallback without braces is one; anything else stays literal text.
    expect(renderTemplate('{{contact.name | default: there}} {{contact.name | default: "{x}"}}', scope)).toBe(
      '{{contact.name | default: there}} {{contact.name | default: "{x}"}}',
    );
  });
});
