import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { contactKeys } from './contact-keys';
import { growsWithHistory } from './query-audit';
import { nameIndexes } from '../contacts/blind-keys';
import { counted, countedFields } from './counted';
import { listKeys, sequenceFields } from './list-keys';
import { sealedFields } from './sealed-fields';
import { tenantScoped } from './tenant-scope';

/** The contact's personal fields, stored encrypted (docs/privacy.md). */
export const SEALED_CONTACT_FIELDS = ['name', 'email', 'phone'] as const;

export const contactSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** The widget's browser-held id; one contact per visitor per workspace. */
    visitorId: { type: String, required: true },
    /** Personal data: stored sealed (AES-256-GCM, sealedFields below), read in clear through the model. */
    name: { type: String },
    email: { type: String },
    phone: { type: String },
    /**
     * Blind indexes (HMAC) of the normalised email and phone, kept by contactKeys: what imports,
     * merges, searches and the email channel match on without the values being stored in clear.
     */
    emailKey: { type: String },
    phoneKey: { type: String },
    /** `<importId>:<line>`: the contacts import row that last wrote it, so a re-run batch counts it once. */
    importedFrom: { type: String },
    /** CRM attributes owners set in flows (update-contact) and read in rules. */
    attributes: { type: Schema.Types.Mixed, default: () => ({}) },
    tags: { type: [String], default: [] },
    /** The contact's latest satisfaction rating, for the contact panel and rules. */
    lastCsat: {
      rating: { type: Number, min: 1, max: 5 },
      at: { type: Date },
    },
    /** A designer simulation's test customer: kept out of contact lists and analytics. */
    test: { type: Boolean },
    /**
     * Set when this contact was merged into another: it leaves lists, its history moved to that
     * contact, and its widget visitor resumes as that contact. Kept so the visitor still resolves.
     */
    mergedInto: { type: Schema.Types.ObjectId },
    mergedAt: { type: Date },
    /** The contacts merged into this one, oldest first. */
    mergedFrom: { type: [Schema.Types.ObjectId], default: undefined },
    ...sequenceFields,
    /** Blind indexes of the name's words in lower case (contacts/blind-keys.ts), for exact lookups. */
    nameKeys: { type: [String], default: undefined },
    ...countedFields,
  },
  { timestamps: true, minimize: false },
);
contactSchema.plugin(tenantScoped);
contactSchema.plugin(growsWithHistory);
contactSchema.plugin(contactKeys);
contactSchema.index({ workspaceId: 1, visitorId: 1 }, { unique: true });
contactSchema.index({ workspaceId: 1, mergedInto: 1 });
contactSchema.index({ workspaceId: 1, emailKey: 1 });
contactSchema.index({ workspaceId: 1, phoneKey: 1 });
/**
 * Lists (routes/contacts): the shop's contacts in creation order (`page`/`seq`; a simulation's test
 * customers are in none), and the name words a search looks up exactly (emailKey and phoneKey are
 * contactKeys').
 */
listKeys(contactSchema, {
  sequences: [{ page: 'page', seq: 'seq', list: (c) => (c.test ? null : 'contacts') }],
  derived: [{ field: 'nameKeys', from: 'name', key: (_ws, name) => nameIndexes(name), many: true }],
});
// Last: the key plugins above derive from the clear values in their own pre hooks.
sealedFields(contactSchema, 'Contact', SEALED_CONTACT_FIELDS);
/** The contacts count beside the list: the shop's contacts, not merged away, not a simulation's. */
counted(contactSchema, {
  fields: ['test', 'mergedInto'],
  counts: (c) => (c.test || c.mergedInto ? [] : ['contacts']),
});

export type ContactDoc = InferSchemaType<typeof contactSchema>;
export const contactModel = (conn: Connection) => conn.model('Contact', contactSchema);
