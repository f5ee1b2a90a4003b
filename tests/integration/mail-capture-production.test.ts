/**
 * The local mailbox must not exist in production. tests/setup/database.ts sets
 * NODE_ENV=test, and app/env.server.ts reads it once at import, so this file switches to
 * production before importing any app module (dynamic imports; static ones are hoisted).
 */
import { describe, expect, it } from 'vitest';

process.env.NODE_ENV = 'production';
process.env.SESSION_SECRET = 'a-production-secret-for-this-test-only-0123456789';
// The rest of what production requires (decision 084): mail captured on purpose, as here.
process.env.RECORDS_HASH_KEY = 'a-production-records-key-for-this-test-0123456789';
process.env.APP_URL = 'https://startline.test';
process.env.MAIL_CAPTURE = 'true';

const { isProduction } = await import('~/env.server');
const mailboxJsonRoute = await import('~/routes/dev.mailbox[.json]');
const mailboxRoute = await import('~/routes/dev.mailbox._index');
const mailboxMessageRoute = await import('~/routes/dev.mailbox.$id');
const { db } = await import('~/modules/database/database.server');
const { capturedMail } = await import('~db/schema');
const { callRoute, getRequest } = await import('../support/requests');

describe('the mailbox in production', () => {
  it('answers 404 on /dev/mailbox, /dev/mailbox.json and /dev/mailbox/:id', async () => {
    expect(isProduction()).toBe(true);
    // Even with mail in the capture table, nothing of it is reachable. (Inserted directly:
    // rendering a template here would mix React's production runtime with dev-compiled JSX.)
    await db.insert(capturedMail).values({
      id: 'captured-prod',
      outboundEmailId: 'outbound-prod',
      toAddress: 'prod-reader@example.com',
      fromAddress: 'no-reply@startline.local',
      subject: 'code 11223344',
      html: '<p>11223344</p>',
      text: '11223344',
    });
    const json = await callRoute(mailboxJsonRoute.loader, getRequest('/dev/mailbox.json'));
    expect(json.status).toBe(404);
    expect(await json.text()).not.toContain('11223344');
    expect((await callRoute(mailboxRoute.loader, getRequest('/dev/mailbox'))).status).toBe(404);
    const one = await callRoute(
      mailboxMessageRoute.loader,
      getRequest('/dev/mailbox/captured-prod'),
      {
        id: 'captured-prod',
      },
    );
    expect(one.status).toBe(404);
  });
});
