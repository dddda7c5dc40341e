import { describe, expect, it } from 'vitest';
import { appendReference, composeReply, replySubject } from './email-reply';

describe('email replies', () => {
  const thread = {
    address: 'ann@example.com',
    ourAddress: 'demo@kefu.localhost',
    subject: 'Where is my order?',
    references: ['<a@example.com>', '<b@kefu.localhost>', '<c@example.com>'],
    lastMessageId: '<c@example.com>',
  };

  it('threads under the newest mail: In-Reply-To it, References the thread, "Re:" subject', () => {
    const mail = composeReply(
      thread,
      { id: '65f0c0ffee0000000000abcd', text: 'On its way' },
      {
        mailDomain: 'kefu.localhost',
        fromName: 'Demo Shop',
      },
    );
    expect(mail).toEqual({
      from: '"Demo Shop" <demo@kefu.localhost>',
      to: 'ann@example.com',
      subject: 'Re: Where is my order?',
      text: 'On its way',
      messageId: '<65f0c0ffee0000000000abcd@kefu.localhost>',
      inReplyTo: '<c@example.com>',
      references: thread.references,
    });
  });

  it('gives the same Message-ID for the same message, so a repeated send is recognisable', () => {
    const opts = { mailDomain: 'kefu.localhost', fromName: 'Shop' };
    const a = composeReply(thread, { id: 'm1', text: 'x' }, opts);
    const b = composeReply(thread, { id: 'm1', text: 'x' }, opts);
    expect(a.messageId).toBe(b.messageId);
  });

  it('does not stack "Re:" and names an empty subject', () => {
    expect(replySubject('RE: order')).toBe('RE: order');
    expect(replySubject('re:order')).toBe('re:order');
    expect(replySubject('   ')).toBe('Re: (no subject)');
  });

  it('keeps quotes and line breaks out of the From name', () => {
    const mail = composeReply(
      thread,
      { id: 'm', text: 'x' },
      { mailDomain: 'd', fromName: 'Evil"\r\nBcc: x@y' },
    );
    expect(mail.from).toBe('"EvilBcc: x@y" <demo@kefu.localhost>');
  });

  it('keeps the newest 20 references, once each', () => {
    const many = Array.from({ length: 25 }, (_, i) => `<${i}@x>`);
    const next = appendReference(many, '<3@x>');
    expect(next).toHaveLength(20);
    expect(next.at(-1)).toBe('<3@x>');
    expect(next.filter((r) => r === '<3@x>')).toHaveLength(1);
  });
});
