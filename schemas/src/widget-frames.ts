import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX, messageSchema } from './message';
import { oneLine } from './safe-text';

/** Largest widget frame we parse; bigger frames get an error frame and the socket stays open. */
export const WIDGET_FRAME_MAX_BYTES = 16 * 1024;

const idString = { type: 'string', minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;

export const widgetHelloSchema = {
  type: 'object',
  required: ['type', 'workspace', 'visitorId'],
  additionalProperties: false,
  properties: {
    type: { const: 'hello' },
    workspace: { type: 'string', minLength: 1, maxLength: 64, description: 'Public key of the workspace' },
    visitorId: {
      ...idString,
      description: 'Random id the widget keeps in the browser; resumes the conversation',
    },
    visitorToken: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description:
        "The token of this visitor's last session frame. Only a valid, unexpired token of this workspace and " +
        'visitor resumes their conversation; without one a known visitorId starts afresh under a new id',
    },
  },
} as const;

export const widgetSendSchema = {
  type: 'object',
  required: ['type', 'clientMessageId', 'text'],
  additionalProperties: false,
  properties: {
    type: { const: 'message' },
    clientMessageId: {
      ...idString,
      description: 'Chosen by the widget; a resend with the same id is stored once',
    },
    text: { type: 'string', minLength: 1, maxLength: MESSAGE_TEXT_MAX },
  },
} as const;

export const widgetFeedbackSchema = {
  type: 'object',
  required: ['type', 'messageId', 'helpful'],
  additionalProperties: false,
  properties: {
    type: { const: 'feedback' },
    messageId: { type: 'string', minLength: 1, maxLength: 64 },
    helpful: { type: 'boolean', description: "The customer's verdict on a knowledge-base answer" },
  },
} as const;

/** The customer started or stopped typing; agents who see the conversation are told. */
export const widgetTypingSchema = {
  type: 'object',
  required: ['type', 'typing'],
  additionalProperties: false,
  properties: { type: { const: 'typing' }, typing: { type: 'boolean' } },
} as const;

/**
 * The offline form: the customer leaves an email and a message, which becomes a ticket. The widget
 * offers it when a bot message carries `offlineForm` (the flow says the shop is closed or no
 * agent is free). A resend with the same requestId opens the same ticket.
 */
export const widgetOfflineFormSchema = {
  type: 'object',
  required: ['type', 'requestId', 'email', 'message'],
  additionalProperties: false,
  properties: {
    type: { const: 'offline-form' },
    requestId: idString,
    name: oneLine(1, 100),
    email: { type: 'string', format: 'email', minLength: 3, maxLength: 254 },
    message: { type: 'string', minLength: 1, maxLength: MESSAGE_TEXT_MAX },
  },
} as const;

export type WidgetHello = FromSchema<typeof widgetHelloSchema>;
export type WidgetFeedback = FromSchema<typeof widgetFeedbackSchema>;
export type WidgetSend = FromSchema<typeof widgetSendSchema>;
export type WidgetTyping = FromSchema<typeof widgetTypingSchema>;
export type WidgetOfflineForm = FromSchema<typeof widgetOfflineFormSchema>;
export type WidgetClientFrame = WidgetHello | WidgetSend | WidgetFeedback | WidgetTyping | WidgetOfflineForm;

export const widgetClientFrameTypes = ['hello', 'message', 'feedback', 'typing', 'offline-form'] as const;

export const widgetServerFrameSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['type', 'conversationId', 'messages', 'visitorId', 'visitorToken'],
      additionalProperties: false,
      properties: {
        type: { const: 'session' },
        conversationId: { type: 'string' },
        messages: { type: 'array', items: messageSchema },
        visitorId: {
          type: 'string',
          description:
            "The visitor this session belongs to: the hello's, or a new one when that id was taken and not proven",
        },
        visitorToken: {
          type: 'string',
          description:
            'Signed; binds visitorId to one workspace and contact until it expires. Store both and present them in the next hello',
        },
      },
    },
    {
      type: 'object',
      required: ['type', 'clientMessageId', 'message'],
      additionalProperties: false,
      properties: { type: { const: 'ack' }, clientMessageId: { type: 'string' }, message: messageSchema },
    },
    {
      type: 'object',
      required: ['type', 'message'],
      additionalProperties: false,
      properties: { type: { const: 'message' }, message: messageSchema },
    },
    {
      type: 'object',
      required: ['type', 'typing'],
      additionalProperties: false,
      description: 'An agent started or stopped typing in this conversation',
      properties: { type: { const: 'typing' }, typing: { type: 'boolean' } },
    },
    {
      type: 'object',
      required: ['type', 'requestId', 'ticketId'],
      additionalProperties: false,
      description: 'The offline form was received and opened this ticket',
      properties: {
        type: { const: 'offline-form-received' },
        requestId: { type: 'string' },
        ticketId: { type: 'string' },
      },
    },
    {
      type: 'object',
      required: ['type', 'statusCode', 'code', 'message'],
      additionalProperties: false,
      properties: {
        type: { const: 'error' },
        statusCode: { type: 'integer' },
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string' },
        clientMessageId: { type: 'string' },
        requestId: { type: 'string' },
      },
    },
  ],
} as const;

export type WidgetServerFrame = FromSchema<typeof widgetServerFrameSchema>;
