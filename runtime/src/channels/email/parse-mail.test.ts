import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';
import { unsafeTextProblem } from '@kefu/schemas/validate';
import { MailRefused, parseMail, stripQuotedReply } from './parse-mail';
import { workspaceKeyOf } from './mail-address';

const mail = (headers: string, body: string) => Buffer.from(`${headers.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body}`);

describe('parseMail', () => {
  it('reads sender, subject (encoded words), text and threading headers, In-Reply-To first', async () => {
    const parsed = await parseMail(
      mail(
        `From: "Ann Lee" <Ann@Example.com>
To: demo@kefu.localhost
Subject: =?UTF-8?B?5oiR55qE6K6i5Y2V?=
Message-ID: <m3@example.com>
In-Reply-To: <m2@kefu.localhost>
References: <m1@example.com> <m2@kefu.localhost>
Content-Type: text/plain; charset=utf-8`,
        'Where is it?\r\n',
      ),
    );
    expect(parsed).toEqual({
      from: { address: 'ann@example.com', name: 'Ann Lee' },
      subject: '我的订单',
      text: 'Where is it?',
      messageId: '<m3@example.com>',
      threadIds: ['<m2@kefu.localhost>', '<m1@example.com>'],
    });
  });

  it('turns an HTML-only mail into text: no tags, no script', async () => {
    const parsed = await parseMail(
      mail(
        `From: bob@example.com
Subject: hi
Content-Type: text/html; charset=utf-8`,
        '<p>Hello <b>there</b></p><script>alert(1)</script><img src=x onerror=alert(2)><p>Second</p>',
      ),
    );
    // An image becomes its source in brackets (html-to-text): visible, inert.
    expect(parsed.text).toBe('Hello there\n\n[x]\n\nSecond');
    expect(parsed.text).not.toMatch(/[<>]|alert/);
  });

  it('decodes quoted-printable in another charset', async () => {
    const parsed = await parseMail(
      mail(
        `From: c@example.com
Subject: gbk
Content-Type: text/plain; charset=gb2312
Content-Transfer-Encoding: base64`,
        Buffer.from([0xc4, 0xe3, 0xba, 0xc3]).toString('base64'),
      ),
    );
    expect(parsed.text).toBe('你好');
  });

  it('refuses a mail with no text, and one with no sender, with an SMTP code', async () => {
    await expect(parseMail(mail('From: a@example.com\nSubject: empty', '   \r\n'))).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(parseMail(mail('Subject: anonymous', 'text'))).rejects.toBeInstanceOf(MailRefused);
  });

  it('cuts text longer than a message may be', async () => {
    const parsed = await parseMail(mail('From: a@example.com\nSubject: long', 'x'.repeat(MESSAGE_TEXT_MAX + 500)));
    expect(parsed.text).toHaveLength(MESSAGE_TEXT_MAX);
  });

  it('keeps a mail with control characters, without them, and says what it cleaned', async () => {
    const parsed = await parseMail(
      mail(
        `From: "Ann=?UTF-8?Q?=07?=Lee" <ann@example.com>
Subject: =?UTF-8?Q?order=00_42?=
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable`,
        'where=00 is=07 it?=1B[31m\r\n',
      ),
    );
    expect(parsed).toMatchObject({
      from: { address: 'ann@example.com', name: 'AnnLee' },
      subject: 'order 42',
      text: 'where is it?[31m',
      cleaned: { text: 3, subject: 1, name: 1 },
    });
    expect(unsafeTextProblem(parsed)).toBeNull();
    const plain = await parseMail(mail('From: a@example.com\nSubject: fine', 'nothing to clean'));
    expect(plain.cleaned).toBeUndefined();
  });

  it('refuses a mail with nothing but control characters as a mail without text', async () => {
    const refused = parseMail(
      mail(
        'From: a@example.com\nSubject: s\nContent-Transfer-Encoding: quoted-printable',
        '=00=01=02\r\n',
      ),
    );
    await expect(refused).rejects.toMatchObject({ responseCode: 550 });
  });

  it('cuts a long text with an emoji at the cut without leaving half of it', async () => {
    const body = `${'x'.repeat(MESSAGE_TEXT_MAX - 2)}🎉🎉`;
    const parsed = await parseMail(mail('From: a@example.com\nSubject: long\nContent-Type: text/plain; charset=utf-8', body));
    expect(parsed.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_MAX);
    expect(unsafeTextProblem(parsed.text)).toBeNull();
  });

  it('gives a subject to a mail without one', async () => {
    expect((await parseMail(mail('From: a@example.com', 'hello'))).subject).toBe('(no subject)');
  });
});

describe('stripQuotedReply', () => {
  it('drops the quoted history under an English or Chinese reply line', () => {
    expect(stripQuotedReply('Thanks!\n\nOn Mon, 1 Jan 2026 at 10:00, Shop <demo@kefu.localhost> wrote:\n> old text')).toBe(
      'Thanks!',
    );
    expect(stripQuotedReply('好的\n在 2026年1月1日 10:00，Shop 写道：\n> 旧的')).toBe('好的');
  });

  it('drops trailing > lines but keeps inline quotes followed by an answer', () => {
    expect(stripQuotedReply('yes\n> question?\n> more')).toBe('yes');
    expect(stripQuotedReply('> question?\nanswer')).toBe('> question?\nanswer');
  });

  it('keeps a mail that is only a quote, so nothing sent is lost', () => {
    expect(stripQuotedReply('> only quoted')).toBe('> only quoted');
  });
});

describe('workspaceKeyOf', () => {
  it('takes the local part at our domain only (never an open relay)', () => {
    expect(workspaceKeyOf('demo@Kefu.Localhost', 'kefu.localhost')).toBe('demo');
    expect(workspaceKeyOf('demo@example.com', 'kefu.localhost')).toBeNull();
    expect(workspaceKeyOf('de mo@kefu.localhost', 'kefu.localhost')).toBeNull();
    expect(workspaceKeyOf('@kefu.localhost', 'kefu.localhost')).toBeNull();
    expect(workspaceKeyOf('no-at-sign', 'kefu.localhost')).toBeNull();
  });
});
