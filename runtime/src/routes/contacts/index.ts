import type { FastifyPluginAsync } from 'fastify';
import contactRecordRoutes from './records';
import contactMergeRoutes from './merge';
import contactIoRoutes from './io';
import contactEraseRoutes from './erase';
import contactRevealRoutes from './reveal';

/** The CRM: contacts with their history, edits, duplicates and merges, CSV in and out. */
const contactRoutes: FastifyPluginAsync = async (app) => {
  // io first: its fixed paths (/contacts/export) must not be read as an id by /contacts/:id.
  await app.register(contactIoRoutes);
  await app.register(contactMergeRoutes);
  await app.register(contactRecordRoutes);
  await app.register(contactEraseRoutes);
  await app.register(contactRevealRoutes);
};

export default contactRoutes;
