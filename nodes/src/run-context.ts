import type { RoutingWhy, StepWhy } from '@kefu/schemas';

/**
 * The contract between a node's `run` and the interpreter in `workers`.
 * `run` executes inside Temporal workflow code: it decides, and touches the world only through `ctx.act`,
 * whose calls become idempotent activities keyed by run and step. Time, randomness and timers come from
 * the context (Temporal's replay-safe versions), never from `Date`, `Math.random` or `setTimeout`.
 */
export interface CustomerMessage {
  messageId: string;
  text: string;
  /** Sensitive-word categories found in it (CustomerMessageSignal). */
  sensitive?: string[];
}

export interface QuickReply {
  label: string;
  /** Sent back as the customer's message text when the button is pressed; defaults to the label. */
  value?: string;
}

export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export interface TicketSnapshot {
  ticketId: string;
  status: TicketStatus;
  priority: TicketPriority;
  /** ISO times; absent until it happened. */
  firstResponseAt?: string;
  solvedAt?: string;
}

export interface HttpResult {
  /** True for a 2xx answer. */
  ok: boolean;
  /** 0 when no answer came (timeout, refused, blocked address). */
  status: number;
  /** The answer's body, cut to a bounded size. */
  body: string;
  error?: string;
}

export interface KnowledgeAnswer {
  articleId: string;
  /** The article's title question, for a "Did you mean" button. */
  question: string;
  answer: string;
  /** 0..1 */
  confidence: number;
  /** At or above the threshold asked for (or the knowledge base's own): safe to answer with. */
  confident: boolean;
  /** Other close articles (best first), for "Did you mean …" quick replies when unsure. */
  suggestions?: Array<{ articleId: string; question: string; confidence: number }>;
  /** The threshold applied (the step's own or the knowledge base's); absent in older histories. */
  threshold?: number;
}

/**
 * How routing chose, for the run history: each agent of the team and why they were passed over,
 * who was offered it, or why nobody was. Absent in older histories and simulations.
 */
export type RoutingExplanation = Pick<RoutingWhy, 'candidates' | 'candidatesMore' | 'noAgent' | 'offeredTo'>;

export type RoutingStrategy = 'least-loaded' | 'round-robin' | 'skills';

/**
 * Side effects a node may ask for. The interpreter adds the workspace, the conversation and an
 * idempotency key to every call, so each is safe to retry.
 */
export interface FlowActivities {
  sendMessage(input: {
    text: string;
    quickReplies?: QuickReply[];
    /** Set on a knowledge-base answer, so the customer can say whether it helped. */
    knowledge?: { articleId: string; query: string };
    /** The widget offers the offline form (email + message → ticket) under this message. */
    offlineForm?: boolean;
  }): Promise<{ messageId: string }>;
  createTicket(input: {
    subject: string;
    description: string;
    priority: TicketPriority;
    tags: string[];
    /** ISO time the ticket is due, from the flow's clock. */
    dueAt?: string;
    /** The team's key (as flows name teams); a team deleted since publish leaves the ticket without one. */
    teamKey?: string;
    /** An agent's user id; one removed or disabled since publish leaves the ticket unassigned. */
    assigneeId?: string;
    /** The ticket's number in its workspace (#1001…), what the customer is told; absent in old histories. */
  }): Promise<{ ticketId: string; number?: number }>;
  updateTicket(input: {
    ticketId: string;
    status?: TicketStatus;
    priority?: TicketPriority;
    addTags?: string[];
    note?: string;
  }): Promise<{ updated: boolean }>;
  getTicket(input: { ticketId: string }): Promise<TicketSnapshot | null>;
  updateContact(input: {
    attributes: Record<string, string>;
    addTags: string[];
    removeTags: string[];
  }): Promise<{ updated: boolean }>;
  closeConversation(input: { reason?: string }): Promise<{ closed: boolean }>;
  /** One attempt; the node decides on retries, so each attempt is visible in the run history. */
  httpRequest(input: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
  }): Promise<HttpResult>;
  /** Knowledge-base matching (owned by the knowledge-base issue). */
  searchKnowledgeBase(input: { query: string; minConfidence?: number }): Promise<KnowledgeAnswer | null>;
  /**
   * Offers the conversation to a team's agents (owned by the routing issue). Returns at once: an
   * offer to wait on with `waitForAgentAcceptance`, or no agent available now.
   */
  offerToTeam(input: {
    teamId: string;
    strategy: RoutingStrategy;
    skills: string[];
    timeoutMs: number;
  }): Promise<({ offerId: string } | { noAgent: true }) & { routing?: RoutingExplanation }>;
  /** Raises priority, moves the conversation, notifies (owned by the routing issue). */
  escalate(input: {
    priority: TicketPriority;
    teamId?: string;
    notifySupervisor: boolean;
    note: string;
  }): Promise<{ escalated: boolean }>;
  /** Stores a CSAT answer (read by analytics). */
  recordSatisfaction(input: { rating: number; comment?: string }): Promise<{ recorded: boolean }>;
}

export type FlowActivityName = keyof FlowActivities;

/**
 * Behaviour a run takes on only if it started after the change shipped (Temporal's `patched`, asked
 * once when the run starts): a run already under way replays the decisions it made before.
 * - `http-response-json`: an HTTP step saves a JSON response as an object, so flows read
 *   `{{vars.order.status}}` and rules test `vars.order.status`; before, it saved the raw text.
 */
export const RUN_CHANGES = ['http-response-json'] as const;
export type RunChange = (typeof RUN_CHANGES)[number];

export interface RunContext<Config> {
  nodeId: string;
  config: Config;
  /** Flow variables; a node writes the ones it declares. */
  vars: Record<string, unknown>;
  /**
   * Values templates and rules may read: `contact`, `channel`, `message` (the latest customer message),
   * `ticket`, `workspace`, `businessHours`.
   */
  facts: Record<string, unknown>;
  act: FlowActivities;
  /** Resolves with the customer's next message, or null when `timeoutMs` passes first. */
  waitForCustomerMessage(timeoutMs?: number): Promise<CustomerMessage | null>;
  /** Resolves when an agent accepts the offer, or null when `timeoutMs` passes first. */
  waitForAgentAcceptance(offerId: string, timeoutMs: number): Promise<{ agentId: string } | null>;
  /**
   * Resolves true as soon as the run's own ticket (the one that started it) is in a state where
   * `done` holds — the API signals every change — or false when `timeoutMs` passes first. For any
   * other ticket it only times out: callers read the ticket then.
   */
  waitForTicket(
    ticketId: string,
    done: (ticket: TicketSnapshot) => boolean,
    timeoutMs: number,
  ): Promise<boolean>;
  /**
   * Resolves when an agent resolves the conversation (at once if they already did since the last
   * such wait), or null when `timeoutMs` passes first. While it waits, the customer talks to the
   * agent: their messages are not kept for a later question.
   */
  waitForResolution(timeoutMs?: number): Promise<{ agentId: string } | null>;
  /** A durable timer. */
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch, the same on every replay. */
  now(): number;
  /** A number in [0, 1), the same on every replay. */
  random(): number;
  /** Logic-less `{{path}}` substitution over facts and vars. */
  render(template: string): string;
  /** Whether this run started with the change (RUN_CHANGES), so it may behave the new way. */
  has(change: RunChange): boolean;
}

export interface RunResult<Port extends string> {
  /** The port to leave by; null ends the run. */
  port: Port | null;
  /** Why this port, for the run history: a short sentence (English, for logs and old clients). */
  decision?: string;
  /** The same reason as data, for the run viewer (bounded: see WHY_LIMITS). */
  why?: StepWhy;
}
