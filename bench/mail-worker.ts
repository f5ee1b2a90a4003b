/**
 * One worker process for `npm run bench:mail`, run with `node --import tsx`: starts the job
 * workers and the outbound mail senders exactly as a production worker does (startWorkers),
 * with its database, the fake Resend URL and the rate from the environment. Talks to the
 * parent over IPC (messages carry a `type`):
 *   sends  { type: 'ready' } once sending;
 *   on     { type: 'queue', importId } runs startInvitationWave here, where production runs it
 *          (the `invitations.dispatch` job, in a worker process: time spent queueing holds this
 *          process's senders back as it would there), then sends { type: 'queued', queued, ms };
 *   on     { type: 'stop' } stops, sends { type: 'stopped', logged, sentAt } and exits.
 *
 * The log is counted, not printed: a sender loop that keeps failing (it logs, backs off and
 * tries again) would otherwise be invisible behind LOG_LEVEL=silent, or flood the output.
 */
const logged = new Map<string, { count: number; text: string }>();
function tally(...args: unknown[]) {
  let text = args.map(String).join(' ');
  try {
    const line = JSON.parse(text) as { level?: string; message?: string };
    text = `${line.level ?? 'log'}: ${line.message ?? ''}`;
  } catch {
    // Not one of the logger's JSON lines: counted as it is.
  }
  text = text.replace(/\s+/g, ' ').slice(0, 400);
  const key = text.slice(0, 90);
  const entry = logged.get(key);
  if (entry) entry.count += 1;
  else logged.set(key, { count: 1, text });
}
/**
 * When each send request left this process (the SDK's `fetch` call, right after its send slot),
 * by Idempotency-Key: the parent compares them with the fake's arrival stamps, to tell the
 * pacing's own spacing from the way to the fake.
 */
const sentAt: { key: string; at: number }[] = [];
const fetchWithoutRecord = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const key = new Headers(init?.headers).get('idempotency-key');
  if (key) sentAt.push({ key, at: Date.now() });
  return fetchWithoutRecord(input, init);
};

console.log = tally;
console.warn = tally;
console.error = tally;
process.env.LOG_LEVEL = 'info';

const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { startWorkers } = await import('~/modules/jobs/queue.server');
const { startInvitationWave } = await import('~/modules/invitations/invitation-delivery.server');

async function queue(importId: string) {
  const start = performance.now();
  try {
    const ids = await startInvitationWave(importId);
    process.send?.({ type: 'queued', queued: ids.length, ms: performance.now() - start });
  } catch (error) {
    process.send?.({
      type: 'queued',
      queued: 0,
      ms: performance.now() - start,
      error: String(error).slice(0, 300),
    });
  }
}

async function stop() {
  await app.stop({ graceful: false });
  process.send?.(
    {
      type: 'stopped',
      logged: [...logged].map(([key, entry]) => ({ key, ...entry })),
      sentAt,
    },
    () => process.exit(0),
  );
}

// Never outlive the parent, whatever happens to it.
process.on('disconnect', () => process.exit(3));
process.on('message', (raw: unknown) => {
  const message = raw as { type?: string; importId?: string };
  if (message.type === 'queue' && message.importId) void queue(message.importId);
  if (message.type === 'stop') void stop();
});

await startWorkers();
process.send?.({ type: 'ready' });

export {};
