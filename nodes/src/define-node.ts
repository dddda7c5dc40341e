import type { LocalText } from './text';
import type { RunContext, RunResult } from './run-context';

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

export interface NodeEditorMeta<Port extends string> {
  label: LocalText;
  description: LocalText;
  /** Name of an icon in the editor's icon set. */
  icon: string;
  ports: readonly PortDeclaration<Port>[];
}

/** A problem the compiler reports on one node; `field` is a path inside the node's config. */
export interface NodeProblem {
  field: string;
  message: LocalText;
}

export interface NodeDefinition<Kind extends string, Config, Port extends string> {
  kind: Kind;
  category: NodeCategory;
  /** JSON Schema of the config, with defaults and titles; ajv validates drafts against it. */
  schema: object;
  editor: NodeEditorMeta<Port>;
  /** True when the node waits for a person or a timer, so a loop through it cannot spin. */
  waits: boolean;
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
