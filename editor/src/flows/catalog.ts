import {
  findNode,
  nodeRegistry,
  NODE_CATEGORIES,
  portsOf,
  type AnyNodeDefinition,
  type NodeCategory,
} from '@kefu/nodes';
import type { LocalText, PortDeclaration } from '@kefu/nodes';

/** One colour per catalog category (the catalog names the categories; the editor only paints them). */
export const CATEGORY_COLOURS: Readonly<Record<NodeCategory, string>> = {
  trigger: '#7c3aed',
  message: '#2563eb',
  bot: '#0891b2',
  logic: '#d97706',
  human: '#db2777',
  ticket: '#059669',
  survey: '#ca8a04',
  integration: '#4f46e5',
  contact: '#0d9488',
  end: '#64748b',
};

export const CATEGORY_LABELS: Readonly<Record<NodeCategory, LocalText>> = {
  trigger: { en: 'Triggers', zh: '触发器' },
  message: { en: 'Messages', zh: '消息' },
  bot: { en: 'Bot', zh: '机器人' },
  logic: { en: 'Logic', zh: '逻辑' },
  human: { en: 'Human', zh: '人工' },
  ticket: { en: 'Tickets', zh: '工单' },
  survey: { en: 'Survey', zh: '调查' },
  integration: { en: 'Integration', zh: '集成' },
  contact: { en: 'Contact', zh: '联系人' },
  end: { en: 'End', zh: '结束' },
};

/** The registry grouped by category, in the registry's own order. */
export function catalogByCategory(filter: (def: AnyNodeDefinition) => boolean = () => true) {
  return NODE_CATEGORIES.map((category) => ({
    category,
    nodes: nodeRegistry.filter((def) => def.category === category && filter(def)),
  })).filter((group) => group.nodes.length > 0);
}

export function isTrigger(def: AnyNodeDefinition | undefined): boolean {
  return Boolean(def?.trigger);
}

/** Ports of a node as configured now; unknown types have none. */
export function nodePorts(type: string, config: unknown): readonly PortDeclaration<string>[] {
  const def = findNode(type);
  if (!def) return [];
  try {
    return portsOf(def, config);
  } catch {
    // A half-filled config (a switch with no cases yet) may not have what `ports()` reads.
    return def.editor.ports;
  }
}

/** A new node's config: every default its schema declares, nothing invented. */
export function defaultConfig(def: AnyNodeDefinition): Record<string, unknown> {
  const value = defaultsOf(def.schema as Schema);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

interface Schema {
  type?: string | string[];
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
}

function defaultsOf(schema: Schema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.type === 'object' && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.properties)) {
      const value = defaultsOf(sub);
      const empty =
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length === 0;
      if (value !== undefined && (!empty || schema.required?.includes(key))) out[key] = value;
    }
    return out;
  }
  return undefined;
}
