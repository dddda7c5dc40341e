import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from './registry';

const here = new URL('.', import.meta.url).pathname;
/** A node folder is one whose index.ts declares a node with defineNode. */
const nodeFolders = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'index.ts')))
  .map((d) => d.name)
  .filter((name) => !['compiler', 'rules', 'templates'].includes(name));

describe('node registry', () => {
  it('registers every node folder under its folder name', () => {
    const kinds = nodeRegistry.map((n) => n.kind).sort();
    expect(kinds).toEqual([...nodeFolders].sort());
  });

  it('has no duplicate kinds', () => {
    expect(new Set(nodeRegistry.map((n) => n.kind)).size).toBe(nodeRegistry.length);
  });

  it.each(nodeRegistry.map((n) => [n.kind, n] as const))('%s has English and Chinese texts', (_kind, node) => {
    for (const text of [node.editor.label, node.editor.description, ...node.editor.ports.map((p) => p.label)]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.zh.trim()).not.toBe('');
    }
  });

  it.each(nodeRegistry.map((n) => [n.kind, n] as const))('%s titles every config field in both languages', (_kind, node) => {
    const properties = (node.schema as { properties?: Record<string, { title?: string }> }).properties ?? {};
    for (const [name, field] of Object.entries(properties)) {
      expect(field.title, `${name} title`).toMatch(/\S \/ \S/);
    }
  });

  it('declares one trigger event per trigger node and none elsewhere', () => {
    for (const node of nodeRegistry) expect(Boolean(node.trigger)).toBe(node.category === 'trigger');
  });
});
