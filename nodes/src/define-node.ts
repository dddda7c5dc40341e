import { LINEUP_TRIGGERS } from '@kefu/schemas/api';
import type { LocalText } from './text';
import type { RunContext, RunResult } from './run-context';
import type { RuleCondition } from './rules/rule-schema';

export const NODE_CATEGORIES = [
  'trigger',
  'message',
  'bot',
  'logic',
  'human',
  'ticket',
  'survey',
  'integration',
  'contact',
  'end',
] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

export interface PortDeclaration<Port extends string> {
  name: Port;
  label: LocalText;
  /** The compiler refuses a flow that leaves a required port unconnected. */
  required: boolean;
}

/** How the generic settings form draws one config field (the schema says what it holds). */
export type FieldWidget =
  | 'textarea'
  | 'template'
  | 'variable'
  | 'rule'
  | 'team'
  | 'agent'
  | 'pattern'
  | 'time-zone'
  | 'tags'
  | 'key-values';

export interface NodeEditorMeta<Port extends string> {
  label: LocalText;
  description: LocalText;
  /** Name of an icon in the editor's icon set (lucide names). */
  icon: string;
  /** Fixed ports; nodes whose ports come from their config also set `NodeDefinition.ports`. */
  ports: readonly PortDeclaration<Port>[];
  /** Field hints for the settings form, keyed by top-level config property. */
  fields?: Readonly<Record<string, FieldWidget>>;
}

/** A problem the compiler reports on one node; `field` is a JSON path inside the node's config. */
export interface NodeProblem {
  field: string;
  message: LocalText;
}

/** Things of the workspace a node's config names; the publish check refuses a flow naming a missing one. */
export type WorkspaceRefKind = 'team' | 'agent';

/** One reference: `field` is its JSON path in the config, `id` a team's key or an agent's user id. */
export interface WorkspaceRef {
  field: string;
  kind: WorkspaceRefKind;
  id: string;
}

/** A rule inside a node's config, named so the compiler can check facts, operators and variables. */
export interface NodeRule {
  /** JSON path of the rule inside the config, e.g. `/cases/0/when`. */
  field: string;
  condition: RuleCondition;
}

/** The events that start flows; trigger nodes name theirs. Declared with the lineups, in schemas. */
export const TRIGGER_EVENTS = LINEUP_TRIGGERS;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** What the API knows about an event when it decides which published flow it starts. */
export interface TriggerFacts {
  channel?: string;
  message?: { text: string };
  contact?: { attributes?: Record<string, unknown>; tags?: string[] };
  ticket?: { status?: string; priority?: string; tags?: string[] };
  /** For ticket-updated: the ticket fields that changed. */
  changed?: string[];
}

export interface TriggerDeclaration<Config> {
  event: TriggerEvent;
  /** Whether this trigger's filters accept the event. Pure. */
  matches(config: Config, facts: TriggerFacts): boolean;
}

export interface NodeDefinition<Kind extends string, Config, Port extends string> {
  kind: Kind;
  category: NodeCategory;
  /** JSON Schema of the config, with defaults and titles; ajv validates drafts against it. */
  schema: object;
  editor: NodeEditorMeta<Port>;
  /**
   * Whether leaving by a port implies a wait for a person or a timer, so a loop through it cannot
   * spin: true for every port, or the list of ports that do (route-to-team's no-agent does not wait).
   */
  waits: boolean | readonly Port[];
  /** Ports that depend on the config (switch cases, random-split branches); replaces `editor.ports`. */
  ports?: (config: Config) => readonly PortDeclaration<string>[];
  /** Set on trigger nodes: which event starts the flow and the node's filter. */
  trigger?: TriggerDeclaration<Config>;
  /** Variables the node sets when it leaves by `port`. */
  defines?: (config: Config, port: string) => string[];
  /** Rules in the config, for the compiler's fact, operator and variable checks. */
  rules?: (config: Config) => NodeRule[];
  /** Teams and agents the config names, checked against the workspace at publish (compiler `workspace`). */
  references?: (config: Config) => WorkspaceRef[];
  /** Checks beyond the schema, on one node's config. */
  compile?: (config: Config) => NodeProblem[];
  run: (ctx: RunContext<Config>) => Promise<RunResult<Port>>;
}

/** Identity function that fixes the config and port types once for schema, editor, compile and run. */
export function defineNode<Config, Port extends string = never, const Kind extends string = string>(
  def: NodeDefinition<Kind, Config, Port>,
): NodeDefinition<Kind, Config, Port> {
  return def;
}

// Variance erases to `unknown` config at the registry boundary; each node keeps its own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<string, any, string>;

/** The ports a node has with this config. */
export function portsOf(def: AnyNodeDefinition, config: unknown): readonly PortDeclaration<string>[] {
  return def.ports ? def.ports(config) : def.editor.ports;
}

/** Whether leaving `def` by `port` passes a wait. */
export function waitsOn(def: AnyNodeDefinition, port: string): boolean {
  return typeof def.waits === 'boolean' ? def.waits : def.waits.includes(port);
}
