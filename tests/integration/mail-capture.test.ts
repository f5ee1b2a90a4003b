import { describe, expect, it } from 'vitest';
import * as mailboxJsonRoute from '~/routes/dev.mailbox[.json]';
import * as mailboxRoute from '~/routes/dev.mailbox._index';
import * as mailboxMessageRoute from '~/routes/dev.mailbox.$id';
import * as signInRoute from '~/routes/sign-in';
import { mailTransportKind } from '~/modules/mail/mail-provider.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { runPendingJobs } from '~/modules/jobs/queue.server';
import { createUser } from '../support/auth';
import { allOutbound, mailTo } from '../support/mail';
import { callRoute, formRequest, getRequest, jsonOf, testContext } from '../support/requests';

interface MailboxJson {
  messages: { id: string; to: string; subject: string; html: string; text: string }[];
}

describe('the capture transport (no RESEND_API_KEY)', () => {
  it('is the transport in use without RESEND_API_KEY', () => {
    expect(mailTransportKind()).toBe('capture');
  });

  it('captures every email with exactly one recipient and an HTML and a text part', async () => {
    await createUser('capture-known@example.com', 'en');
    for (const [email, ip] of [
      ['capture-known@example.com', '198.51.100.30'],
      ['capture-unknown@example.com', '198.51.100.31'],
    ]) {
      const response = await callRoute(
        signInRoute.action,
        formRequest('/sign-in', { email }),
        {},
        testContext({ clientIp: ip }),
      );
      expect(response.status).toBe(302);
    }
    for (const address of ['capture-known@example.com', 'capture-unknown@example.com']) {
      const messages = await mailTo(address);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message.toAddress).toBe(address);
      expect(message.html).toMatch(/<html[\s>]/i);
      expect(message.text.trim().length).toBeGreaterThan(20);
      expect(message.text).not.toMatch(/<[a-z][^>]*>/i);
    }
    // Nothing in the outbox is addressed to more than one person.
    for (const row of await allOutbound()) expect(row.toAddress).toMatch(/^[^,;\s]+@[^,;\s]+$/);
  });

  it('refuses a second recipient instead of capturing a shared email', async () => {
    await expect(
      sendEmail({
        to: 'one@example.com,two@example.com',
        template: 'sign-in-code',
        props: { locale: 'ja', code: '12345678', signInUrl: 'http://x', expiresInMinutes: 15 },
      }),
    ).rejects.toThrow(/exactly one recipient/);
    expect(await mailTo('one@example.com,two@example.com')).toHaveLength(0);
  });

  it('shows captured mail in /dev/mailbox.json, /dev/mailbox and /dev/mailbox/:id', async () => {
    await sendEmail({
      to: 'mailbox-reader@example.com',
      template: 'sign-in-code',
      props: {
        locale: 'ja',
        code: '87654321',
        signInUrl: 'http://localhost:3000/sign-in/code/abc?code=87654321',
        expiresInMinutes: 15,
      },
    });
    await runPendingJobs();

    const listed = await callRoute(
      mailboxJsonRoute.loader,
      getRequest('/dev/mailbox.json?to=mailbox-reader@example.com'),
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.get('Cache-Control')).toBe('no-store');
    const { messages } = await jsonOf<MailboxJson>(listed);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: 'mailbox-reader@example.com' });
    expect(messages[0].text).toContain('87654321');
    expect(messages[0].html).toContain('87654321');

    // The filter really filters: another address's mail is not in this answer.
    const others = await jsonOf<MailboxJson>(
      await callRoute(
        mailboxJsonRoute.loader,
        getRequest('/dev/mailbox.json?to=nobody-here@example.com'),
      ),
    );
    expect(others.messages).toHaveLength(0);

    const page = await jsonOf<{ messages: { id: string; to: string }[] }>(
      await callRoute(mailboxRoute.loader, getRequest('/dev/mailbox')),
    );
    expect(page.messages.some((m) => m.id === messages[0].id)).toBe(true);

    const one = await callRoute(
      mailboxMessageRoute.loader,
      getRequest(`/dev/mailbox/${messages[0].id}`),
      {
        id: messages[0].id,
      },
    );
    expect(one.status).toBe(200);
    const missing = await callRoute(mailboxMessageRoute.loader, getRequest('/dev/mailbox/nope'), {
      id: 'nope',
    });
    expect(missing.status).toBe(404);
  });
});
