import type { FastifyPluginAsync } from 'fastify';
import articleRoutes from './articles';
import ioRoutes from './io';
import tuningRoutes from './tuning';

/** The knowledge base: articles, import/export, tuning and the learning loop. */
const kbRoutes: FastifyPluginAsync = async (app) => {
  await app.register(articleRoutes);
  await app.register(ioRoutes);
  await app.register(tuningRoutes);
};

export default kbRoutes;
