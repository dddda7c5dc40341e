import { beforeEach, describe, expect, it } from 'vitest';
import { compileFlow } from '@kefu/nodes/compiler';
import { clipboardFromText, selectionToClipboard } from './clipboard';
import { findNode } from '@kefu/nodes';
import { defaultConfig } from './catalog';
import { refuseConnection } from './connection-rules';
import { emptyDraft } from './draft';
import { currentDraft, useFlowStore } from './flow-store';

const store = () => useFlowStore.getState();
const add = (type: string, x = 0) => store().addNode(type, { x, y: 0 }) as string;

beforeEach(() => store().load(emptyDraft('test')));

describe('flow store', () => {
  it('connects ports and compiles to a flow the server would accept', () => {
    const start = add('conversation-started');
    const send = add('send-message', 300);
    store().updateConfig(send, { text: 'Hello {{contact.name}}' });
    store().connect({ source: start, sourceHandle: 'next', target: send, targetHandle: 'in' });
    expect(compileFlow(currentDraft()).ok).toBe(true);
  });

  it('refuses what the catalog refuses, with the reason as a notice', () => {
    const start = add('conversation-started');
    const ask = add('ask-question', 300);
    const send = add('send-message', 600);
    const edge = (source: string, sourceHandle: string, target: string) => ({ source, sourceHandle, target });
    expect(refuseConnection(edge(start, 'nope', send), store())?.en).toMatch(/no port "nope"/);
    expect(refuseConnection(edge(send, 'next', start), store())?.en).toMatch(/trigger/);
    expect(refuseConnection(edge(send, 'next', send), store())?.en).toMatch(/back to itself/);
    // ask-question waits for the customer on "invalid", so a re-ask loop on itself is allowed.
    expect(refuseConnection(edge(ask, 'invalid', ask), store())).toBeNull();
    store().connect({ source: start, sourceHandle: 'next', target: send, targetHandle: 'in' });
    expect(refuseConnection(edge(start, 'next', ask), store())?.en).toMatch(/already connected/);
    store().connect({ source: start, sourceHandle: 'next', target: ask, targetHandle: 'in' });
    expect(store().edges).toHaveLength(1);
    expect(store().notice?.en).toMatch(/already connected/);
  });

  it('undoes and redoes adds, edits and deletes one step at a time; typing is one step', () => {
    const send = add('send-message');
    store().updateConfig(send, { text: 'H' });
    store().updateConfig(send, { text: 'Hi' });
    store().deleteSelected();
    expect(store().nodes).toHaveLength(0);
    store().undo();
    expect(store().nodes[0]?.data.config).toEqual({ text: 'Hi' });
    store().undo();
    // A new node starts from its schema's defaults (whatever the catalog declares today).
    expect(store().nodes[0]?.data.config).toEqual(defaultConfig(findNode('send-message')!));
    store().undo();
    expect(store().nodes).toHaveLength(0);
    store().redo();
    store().redo();
    expect(store().nodes[0]?.data.config).toEqual({ text: 'Hi' });
  });

  it('copies a selection with its inner edges and pastes it with fresh ids (also into another flow)', () => {
    const start = add('conversation-started');
    const send = add('send-message', 300);
    store().connect({ source: start, sourceHandle: 'next', target: send, targetHandle: 'in' });
    store().selectAll();
    const text = selectionToClipboard(store()) as string;
    store().load(emptyDraft('another flow'));
    store().paste(clipboardFromText(text)!);
    const { nodes, edges } = store();
    expect(nodes.map((n) => n.data.type)).toEqual(['conversation-started', 'send-message']);
    expect(nodes.map((n) => n.id)).not.toContain(start);
    expect(edges).toEqual([
      expect.objectContaining({ source: nodes[0]?.id, sourceHandle: 'next', target: nodes[1]?.id }),
    ]);
    expect(clipboardFromText('{"nodes":[]}')).toBeNull();
  });

  it('duplicates the selection and tidies the layout left to right', () => {
    const start = add('conversation-started');
    const send = add('send-message', 0);
    store().connect({ source: start, sourceHandle: 'next', target: send, targetHandle: 'in' });
    store().tidy();
    const [a, b] = store().nodes;
    expect((b?.position.x ?? 0) - (a?.position.x ?? 0)).toBeGreaterThan(150);
    store().selectOnly(send);
    store().duplicateSelected();
    expect(store().nodes).toHaveLength(3);
    expect(
      store()
        .nodes.filter((n) => n.selected)
        .map((n) => n.data.type),
    ).toEqual(['send-message']);
  });
});
