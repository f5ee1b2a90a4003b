/**
 * How a process's sender loops wait while there is no mail (decision 080). Four loops polling
 * every MAIL_POLL_MS each cost an idle embedded instance ~15 % of a core — about 80 queries a
 * second, the same against PostgreSQL from every worker process. Now one idle loop, the
 * poller, looks every MAIL_POLL_MS; the others wait until a loop finds work or this process
 * queues mail (wakeMailSenders), and then all of them take batches again.
 */
let poller: { wake: () => void } | null = null;
const parked = new Set<() => void>();

function wakeAll() {
  for (const wake of parked) wake();
  parked.clear();
  poller?.wake();
}

/** Mail was queued in this process (or the loops are stopping): every loop looks now. */
export function wakeMailSenders() {
  wakeAll();
}

/** A loop found work: the parked loops join in. */
export function senderFoundWork() {
  if (parked.size > 0) wakeAll();
}

/**
 * Called by a loop that found nothing due. One idle loop at a time is the poller: it sleeps
 * `pollMs` and then looks again. The others wait for a wake. Either ends early on a wake.
 */
export async function waitWhileIdle(pollMs: number): Promise<void> {
  if (poller) {
    await new Promise<void>((resolve) => parked.add(resolve));
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, pollMs);
    poller = { wake: resolve };
  });
  clearTimeout(timer);
  poller = null;
}

/** How many loops wait for a wake (tests). */
export function parkedSenderCount() {
  return parked.size;
}
