import type { RawData } from 'ws';
import {
  WIDGET_FRAME_MAX_BYTES,
  widgetClientFrameTypes,
  widgetHelloSchema,
  widgetSendSchema,
  widgetFeedbackSchema,
  widgetOfflineFormSchema,
  widgetTypingSchema,
  type WidgetClientFrame,
  type WidgetFeedback,
  type WidgetHello,
  type WidgetOfflineForm,
  type WidgetSend,
  type WidgetTyping,
} from '@kefu/schemas';
import { checker, unsafeTextProblem } from '@kefu/schemas/validate';
import { KefuError } from '../../errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const checks = {
  hello: checker<WidgetHello>(widgetHelloSchema),
  message: checker<WidgetSend>(widgetSendSchema),
  feedback: checker<WidgetFeedback>(widgetFeedbackSchema),
  typing: checker<WidgetTyping>(widgetTypingSchema),
  'offline-form': checker<WidgetOfflineForm>(widgetOfflineFormSchema),
};

/** Parses one widget frame or throws a KefuError naming what is wrong. */
export function parseWidgetFrame(raw: RawData, isBinary: boolean): WidgetClientFrame {
  const size = Array.isArray(raw)
    ? raw.reduce((n, b) => n + b.length, 0)
    : (raw as Buffer | ArrayBuffer).byteLength;
  if (size > WIDGET_FRAME_MAX_BYTES)
    throw new KefuError('KEFU_ERR_FRAME_TOO_LARGE', `Frames are limited to ${WIDGET_FRAME_MAX_BYTES} bytes`);
  if (isBinary) throw new KefuError('KEFU_ERR_BAD_JSON', 'Frames must be JSON text');
  let text: string;
  try {
    text = utf8.decode(Buffer.isBuffer(raw) ? raw : Buffer.concat(raw as Buffer[]));
  } catch {
    throw new KefuError('KEFU_ERR_BAD_JSON', 'The frame is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KefuError('KEFU_ERR_BAD_JSON', 'The frame is not valid JSON');
  }
  // The same refusal as HTTP bodies (plugins/app/text-guard.ts): NUL, control characters, lone
  // surrogates and prototype keys never reach a message, a contact or a ticket.
  const unsafe = unsafeTextProblem(value);
  if (unsafe) throw new KefuError('KEFU_ERR_VALIDATION', `${unsafe.field} ${unsafe.message}`, unsafe.field);
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof type !== 'string')
    throw new KefuError('KEFU_ERR_UNKNOWN_FRAME', 'A frame is a JSON object with a "type"', '/type');
  if (!(widgetClientFrameTypes as readonly string[]).includes(type))
    throw new KefuError(
      'KEFU_ERR_UNKNOWN_FRAME',
      `Unknown frame type "${type.slice(0, 40)}"; expected one of ${widgetClientFrameTypes.join(', ')}`,
      '/type',
    );
  const result = checks[type as keyof typeof checks](value);
  if (!result.ok) {
    const [first] = result.problems;
    throw new KefuError('KEFU_ERR_VALIDATION', `${first?.field} ${first?.message}`, first?.field);
  }
  return result.value;
}
