import type { FastifyPluginAsync } from 'fastify';
import apiKeyRoutes from './api-keys';
import apiMessageRoutes from './api-messages';
import webhookRoutes from './webhooks';
import emailChannelRoutes from './email';
import widgetChannelRoutes from './widget';

/** Channel settings: the API channel's keys, webhooks and inbound messages; email; the widget's sites. */
const channelRoutes: FastifyPluginAsync<{ webhookAllowLoopback: boolean; mailDomain: string }> = async (
  app,
  opts,
) => {
  await app.register(apiKeyRoutes);
  await app.register(webhookRoutes, { allowLoopback: opts.webhookAllowLoopback });
  await app.register(apiMessageRoutes);
  await app.register(emailChannelRoutes, { mailDomain: opts.mailDomain });
  await app.register(widgetChannelRoutes);
};

export default channelRoutes;
