import fp from 'fastify-plugin';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { receiveMail, type MailDestination } from './email-inbox';
import { workspaceAddress, workspaceKeyOf } from './mail-address';
import { MailRefused, parseMail } from './parse-mail';

export interface SmtpListenerOptions {
  /** 0 picks a free port; `app.smtpListener.port` says which. */
  port: number;
  host?: string;
  mailDomain: string;
  /** Larger mails are refused (552) while they stream in. */
  maxBytes?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Present when the API listens for mail (KEFU_SMTP_PORT). */
    smtpListener?: { port: number };
  }
}

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Email in: an SMTP server for `<publicKey>@<mailDomain>`. Each mail is parsed and filed into its
 * workspace (email-inbox.ts) before we answer 250, so an accepted mail is stored; a failure we
 * cannot blame on the mail answers 451 and the sending server tries again later. Nothing a client
 * sends can crash the listener: every callback answers with an SMTP code.
 *
 * No STARTTLS and no AUTH: it is meant to sit behind the shop's mail relay (MX) on a private
 * network or to take mail forwarded to it; it only accepts mail for our own domain.
 */
export default fp(
  async (app, opts: SmtpListenerOptions) => {
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const { Workspace } = app.models;
    /**
     * Mail systems and people lower-case addresses, public keys are mixed-case: the exact key wins,
     * else the one key that matches ignoring case (two that differ only in case: neither).
     */
    async function workspaceByKey(key: string) {
      const exact = await Workspace.findOne({ publicKey: key }, { _id: 1, publicKey: 1 }).lean();
      if (exact) return exact;
      const loose = await Workspace.find({ mailKey: key.toLowerCase() }, { _id: 1, publicKey: 1 })
        .limit(2)
        .lean();
      return loose.length === 1 ? loose[0]! : null;
    }

    // Workspaces accepted at RCPT TO, per SMTP session (several recipients may share one mail).
    const destinations = new WeakMap<SMTPServerSession, MailDestination[]>();

    const server = new SMTPServer({
      name: opts.mailDomain,
      banner: 'Kefu mail in',
      size: maxBytes,
      // Each connection holds at most one mail in memory; this caps what a flood can take.
      maxClients: 50,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      async onRcptTo(address, session, callback) {
        try {
          const key = workspaceKeyOf(address.address, opts.mailDomain);
          const workspace = key ? await workspaceByKey(key) : null;
          if (!workspace) return callback(refusal(550, `5.1.1 <${address.address}>: no such mailbox here`));
          const list = destinations.get(session) ?? [];
          list.push({
            workspaceId: String(workspace._id),
            ourAddress: workspaceAddress(workspace.publicKey, opts.mailDomain),
          });
          destinations.set(session, list);
          callback();
        } catch (err) {
          app.log.error({ err }, 'smtp: recipient check failed');
          callback(refusal(451, '4.3.0 Temporary failure, try again later'));
        }
      },
      onData(stream, session, callback) {
        void readAll(stream, maxBytes)
          .then(async (raw) => {
            if (!raw) throw new MailRefused(552, `5.3.4 Message too big (at most ${maxBytes} bytes)`);
            const mail = await parseMail(raw);
            // Kept, not bounced: a customer's mail is stored without what the text rule refuses.
            if (mail.cleaned)
              app.log.warn(
                { from: mail.from.address, mailMessageId: mail.messageId, cleaned: mail.cleaned },
                'smtp: mail stored without control characters or lone surrogates',
              );
            const targets = destinations.get(session) ?? [];
            // One mail to one workspace address twice is still one mail.
            const unique = targets.filter(
              (t, i) => targets.findIndex((o) => o.workspaceId === t.workspaceId) === i,
            );
            for (const to of unique) await receiveMail(app, to, mail);
            callback();
          })
          .catch((err: unknown) => {
            if (err instanceof MailRefused) return callback(refusal(err.responseCode, err.message));
            app.log.error({ err }, 'smtp: could not file a mail');
            callback(refusal(451, '4.3.0 Temporary failure, try again later'));
          })
          .finally(() => destinations.delete(session));
      },
    });
    server.on('error', (err) => app.log.warn({ err }, 'smtp: connection error'));

    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    app.decorate('smtpListener', { port });
    app.log.info(`SMTP listening on ${opts.host ?? '127.0.0.1'}:${port} for *@${opts.mailDomain}`);
    app.addHook('onClose', () => new Promise<void>((resolve) => server.close(() => resolve())));
  },
  { name: 'smtp-listener', dependencies: ['db', 'conversations'] },
);

function refusal(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The whole mail, or null once it passes maxBytes (the rest is drained so the session goes on). */
function readAll(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('end', () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
