import type { ApiKeyWire, EmailChannel, WebhookWire, WidgetChannel } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the channel settings need from /channels (runtime/src/routes/channels); tests pass fakes. */
export interface ChannelsApi {
  email(): Promise<EmailChannel>;
  keys(): Promise<ApiKeyWire[]>;
  createKey(name: string): Promise<{ apiKey: ApiKeyWire; key: string }>;
  revokeKey(id: string): Promise<ApiKeyWire>;
  webhooks(): Promise<WebhookWire[]>;
  createWebhook(url: string): Promise<{ webhook: WebhookWire; secret: string }>;
  removeWebhook(id: string): Promise<void>;
}

export const channelsApi: ChannelsApi = {
  email: () => apiCall('GET', '/channels/email'),
  keys: async () => (await apiCall<{ items: ApiKeyWire[] }>('GET', '/channels/api/keys')).items,
  createKey: (name) => apiCall('POST', '/channels/api/keys', { name }),
  revokeKey: (id) => apiCall('DELETE', `/channels/api/keys/${encodeURIComponent(id)}`),
  webhooks: async () => (await apiCall<{ items: WebhookWire[] }>('GET', '/channels/api/webhooks')).items,
  createWebhook: (url) => apiCall('POST', '/channels/api/webhooks', { url }),
  removeWebhook: (id) => apiCall('DELETE', `/channels/api/webhooks/${encodeURIComponent(id)}`),
};

/** The widget's allowed sites (runtime/src/routes/channels/widget.ts); tests pass fakes. */
export interface WidgetChannelApi {
  widget(): Promise<WidgetChannel>;
  setWidgetOrigins(allowedOrigins: string[]): Promise<WidgetChannel>;
}

export const widgetChannelApi: WidgetChannelApi = {
  widget: () => apiCall('GET', '/channels/widget'),
  setWidgetOrigins: (allowedOrigins) => apiCall('PUT', '/channels/widget', { allowedOrigins }),
};
