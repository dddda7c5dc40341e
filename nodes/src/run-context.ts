/**
 * The contract between a node's `run` and the interpreter in `workers`.
 * `run` executes inside Temporal workflow code: it decides, and touches the world only through `ctx.act`,
 * whose calls become idempotent activities keyed by run and step.
 */
export interface CustomerMessage {
  messageId: string;
  text: string;
}

export interface FlowActivities {
  sendMessage(input: { text: string }): Promise<{ messageId: string }>;
}

export interface RunContext<Config> {
  nodeId: string;
  config: Config;
  /** Flow variables; a node writes the ones it declares. */
  vars: Record<string, unknown>;
  /** Values templates and rules may read, e.g. `contact.name`, `message.text`. */
  facts: Record<string, unknown>;
  act: FlowActivities;
  /** Resolves with the customer's next message, or null when `timeoutMs` passes first. */
  waitForCustomerMessage(timeoutMs?: number): Promise<CustomerMessage | null>;
  /** Logic-less `{{path}}` substitution over facts and vars. */
  render(template: string): string;
}

export interface RunResult<Port extends string> {
  /** The port to leave by; null ends the run. */
  port: Port | null;
  /** Why this port, for the run history. */
  decision?: string;
}
