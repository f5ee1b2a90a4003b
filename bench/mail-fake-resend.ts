/**
 * The fake Resend API in its own process for `npm run bench:mail`, so that neither the
 * senders nor the sign-in requests share an event loop with it. Records when each email was
 * accepted (the moment it is added to `received`, just before the answer goes out) and drops
 * the bodies at once. Talks to the parent over IPC:
 *   sends { type: 'listening', url };
 *   'reset'  forgets everything received so far (after the capacity baseline), answers
 *            { type: 'reset' };
 *   'stats'  answers { type: 'stats' } with the accepted emails (to, at) and the send
 *            requests (at, status, Idempotency-Key), as columns;
 *   'close'  closes the server and exits.
 */
import { startFakeResend, type FakeResendEmail } from '../tests/support/fake-resend';

const fake = await startFakeResend();
const acceptedTo: string[] = [];
const acceptedAt: number[] = [];
const push = fake.received.push.bind(fake.received);
fake.received.push = (...emails: FakeResendEmail[]) => {
  const at = Date.now();
  for (const email of emails) {
    acceptedTo.push(email.to);
    acceptedAt.push(at);
    // 60,000 rendered emails would otherwise hold ~600 MB here.
    email.html = undefined;
    email.text = undefined;
  }
  return push(...emails);
};
process.send?.({ type: 'listening', url: fake.url });

process.on('message', (message: unknown) => {
  if (message === 'reset') {
    fake.received.length = 0;
    fake.requestLog.length = 0;
    acceptedTo.length = 0;
    acceptedAt.length = 0;
    process.send?.({ type: 'reset' });
  }
  if (message === 'stats') {
    process.send?.({
      type: 'stats',
      acceptedTo,
      acceptedAt,
      requestAt: fake.requestLog.map((r) => r.at),
      requestKey: fake.requestLog.map((r) => r.idempotencyKey),
      requestStatus: fake.requestLog.map((r) => r.status),
    });
  }
  if (message === 'close') void fake.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
