import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { compileFlow } from '@kefu/nodes/compiler';
import { emptyDraft } from './draft';
import { currentDraft, useFlowStore } from './flow-store';
import { FlowSettings } from './flow-settings';
import { knownVariables } from './known-variables';

beforeEach(() => useFlowStore.getState().load(emptyDraft('test')));
afterEach(cleanup);

describe('flow settings', () => {
  it('declares a variable with a default that templates may then read', () => {
    render(<FlowSettings />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add variable' }));
    fireEvent.change(screen.getByLabelText('Variable name'), { target: { value: 'orderNumber' } });
    fireEvent.change(screen.getByLabelText('Default (optional)'), { target: { value: 'none yet' } });
    expect(useFlowStore.getState().variables).toEqual([{ name: 'orderNumber', default: 'none yet' }]);
    expect(knownVariables(useFlowStore.getState())).toEqual(['orderNumber']);

    const s = useFlowStore.getState();
    const start = s.addNode('conversation-started', { x: 0, y: 0 }) as string;
    const send = s.addNode('send-message', { x: 300, y: 0 }) as string;
    s.updateConfig(send, { text: 'Order {{vars.orderNumber}}' });
    s.connect({ source: start, sourceHandle: 'next', target: send, targetHandle: 'in' });
    expect(compileFlow(currentDraft()).ok).toBe(true);
  });

  it('clearing the default removes it, and a bad name is marked', () => {
    useFlowStore.getState().setVariables([{ name: 'x', default: 'a' }]);
    render(<FlowSettings />);
    fireEvent.change(screen.getByLabelText('Default (optional)'), { target: { value: '' } });
    expect(useFlowStore.getState().variables).toEqual([{ name: 'x' }]);
    fireEvent.change(screen.getByLabelText('Variable name'), { target: { value: '1st' } });
    expect(screen.getByLabelText('Variable name').getAttribute('aria-invalid')).toBe('true');
  });
});
