import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactImportWire, ContactWire, Page } from '@kefu/schemas/api';
import { emailVisitorId } from '@kefu/runtime/models';
import {
  dataKeys,
  installDataKeys,
  parseDataKeys,
  resealPersonalData,
  sealField,
  type DataKeyring,
} from '@kefu/runtime/store';
import { randomBytes } from 'node:crypto';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';

/**
 * Encryption at rest on the real servers: contacts made by a CSV import, an agent's edit and a mail
 * to the email channel leave no email address or phone number in clear in any collection of the
 * database (read with the driver, past Mongoose), before and after a key rotation, while the API
 * still shows them and finds contacts by them.
 */
const DOMAIN = 'kefu.test';
let product: RunningProduct;
let shop: Shop;
let mailer: Transporter;
let firstKeys: DataKeyring;

const PEOPLE = [
  { name: 'Ann Lee', email: 'ann.lee@example.com', phone: '+86 138-0013-8001' },
  { name: '王芳', email: 'wang.fang@example.com', phone: '13900139002' },
];
const EDITED_PHONE = '+1 555 010 7788';
const MAILER = { name: 'Dee Mailer', email: 'dee.mailer@example.com' };
/** What must not appear in clear: every address, and every phone number as typed and as digits. */
const SECRETS = [
  ...PEOPLE.flatMap((p) => [p.email, p.phone, p.phone.replace(/\D/g, '')]),
  EDITED_PHONE,
  EDITED_PHONE.replace(/\D/g, ''),
  MAILER.email,
];

beforeAll(async () => {
  product = await startProduct({ channels: { smtpListener: true, mailDomain: DOMAIN } });
  shop = await signUpShop(product.url, 'sealed');
  mailer = nodemailer.createTransport({
    host: '127.0.0.1',
    port: product.smtpPort!,
    secure: false,
    ignoreTLS: true,
  });
  firstKeys = dataKeys();
});
afterAll(async () => {
  mailer?.close();
  if (firstKeys) installDataKeys(firstKeys);
  await product?.stop();
});

const api = <T>(method: string, path: string, body?: unknown) =>
  callApi<T>(product.url, shop, method, path, body);

/** Every document of every collection, as stored, as one lower-cased text. */
async function everythingStored(): Promise<string> {
  const db = product.models.Contact.db.db!;
  const texts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    const docs = await db.collection(name).find({}).toArray();
    texts.push(`${name}: ${JSON.stringify(docs)}`);
  }
  return texts.join('\n').toLowerCase();
}
const inClear = (stored: string) => SECRETS.filter((s) => stored.includes(s.toLowerCase()));

async function search(q: string): Promise<ContactWire[]> {
  const res = await api<Page<ContactWire>>('GET', `/contacts?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('contacts encrypted at rest', () => {
  let annId: string;
  let mailerId: string;

  it('stores no email or phone in clear, and the API shows and finds them', async () => {
    const csv = `name,email,phone\n${PEOPLE.map((p) => `${p.name},${p.email},${p.phone}`).join('\n')}\n`;
    const upload = await fetch(`${product.url}/contacts/imports?fileName=people.csv`, {
      method: 'POST',
      headers: { cookie: shop.cookie, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as ContactImportWire;
    await expect
      .poll(async () => (await api<ContactImportWire>('GET', `/contacts/imports/${id}`)).body.state)
      .toBe('done');

    const [ann] = await search(PEOPLE[0]!.email);
    expect(ann).toMatchObject({ name: 'Ann Lee', email: PEOPLE[0]!.email, phone: PEOPLE[0]!.phone });
    annId = ann!.id;
    const [fang] = await search('13900139002');
    expect(fang).toMatchObject({ name: '王芳', email: PEOPLE[1]!.email });
    expect((await search('王芳')).map((c) => c.id)).toEqual([fang!.id]);

    const edited = await api<ContactWire>('PATCH', `/contacts/${annId}`, { phone: EDITED_PHONE });
    expect(edited.status).toBe(200);
    expect(edited.body.phone).toBe(EDITED_PHONE);

    await mailer.sendMail({
      from: `"${MAILER.name}" <${MAILER.email}>`,
      to: `${shop.publicKey}@${DOMAIN}`,
      subject: 'A question',
      text: 'Do you ship on weekends?',
    });
    const [dee] = await search(MAILER.email);
    expect(dee).toMatchObject({ name: MAILER.name, email: MAILER.email });
    mailerId = dee!.id;
    const contact = await product.models.Contact.findOne({
      _id: mailerId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(contact?.visitorId).toBe(emailVisitorId(MAILER.email));

    const stored = await everythingStored();
    expect(inClear(stored)).toEqual([]);
    // The scan does see what is stored in clear: the mail's text (messages are not sealed).
    expect(stored).toContain('do you ship on weekends');
    const detail = await api<ContactDetail>('GET', `/contacts/${annId}`);
    expect(detail.body.contact).toMatchObject({ email: PEOPLE[0]!.email, phone: EDITED_PHONE });
  });

  it('rotates to a new key without a pause: both keys read meanwhile, then everything is under the new one', async () => {
    const old = dataKeys();
    const list = [...old.keys].map(([id, key]) => `${id}=${key.toString('base64')}`).join(',');
    installDataKeys(
      parseDataKeys(
        `${list},k2=${randomBytes(32).toString('base64')}`,
        'k2',
        old.indexKey.toString('base64'),
      ),
    );

    // Before the rotation has run, contacts sealed with the old key still read.
    expect((await api<ContactDetail>('GET', `/contacts/${annId}`)).body.contact.email).toBe(PEOPLE[0]!.email);
    const report = await resealPersonalData(product.models, { batchSize: 2 });
    expect(report.contacts.failed).toBe(0);
    expect(report.emailThreads.resealed).toBeGreaterThanOrEqual(1);
    expect(await resealPersonalData(product.models)).toMatchObject({
      contacts: { resealed: 0 },
      emailThreads: { resealed: 0 },
    });

    const stored = await everythingStored();
    expect(inClear(stored)).toEqual([]);
    expect(stored).not.toMatch(/enc:v1:k1:/);
    expect(stored).toMatch(/enc:v1:k2:/);

    expect((await search(EDITED_PHONE)).map((c) => c.id)).toEqual([annId]);
    expect((await search(PEOPLE[1]!.email))[0]).toMatchObject({ name: '王芳', phone: PEOPLE[1]!.phone });
    // The email channel still knows its customer: a second mail lands on the same contact.
    await mailer.sendMail({
      from: `"${MAILER.name}" <${MAILER.email}>`,
      to: `${shop.publicKey}@${DOMAIN}`,
      subject: 'Another question',
      text: 'And on holidays?',
    });
    expect((await search(MAILER.email)).map((c) => c.id)).toEqual([mailerId]);
    expect(inClear(await everythingStored())).toEqual([]);
  });

  it('answers a clear error, not a crash, for a contact sealed with a key the server lacks', async () => {
    const stranger = parseDataKeys(
      `k9=${randomBytes(32).toString('base64')}`,
      'k9',
      randomBytes(32).toString('base64'),
    );
    await product.models.Contact.collection.updateOne(
      { _id: new (await import('mongoose')).Types.ObjectId(mailerId) },
      { $set: { email: sealField(stranger, 'x@example.com', 'Contact.email') } },
    );
    const res = await api<{ code: string; message: string }>('GET', `/contacts/${mailerId}`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'KEFU_ERR_UNAVAILABLE' });
    expect(res.body.message).toMatch(/data key "k9".*KEFU_DATA_KEYS/);
    // The server goes on: others still read.
    expect((await api<ContactDetail>('GET', `/contacts/${annId}`)).status).toBe(200);
    expect((await fetch(`${product.url}/health`)).status).toBe(200);
  });
});
