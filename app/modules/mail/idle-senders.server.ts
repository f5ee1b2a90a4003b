/**
 * How a process's sender loops wait while there is no mail (decision 080). Four loops polling
 * every MAIL_POLL_MS each cost an idle embedded instance ~15 % of a core — about 80 queries a
 * second, the same against PostgreSQL from every worker process. Now one idle loop, the
 * poller, looks every MAIL_POLL_MS; the others wait until a loop finds work or this process
 * queues mail (wakeMailSenders), and then all of them take batches again.
 */
let poller: { wake: () => void } | null = null;
const parked = new Set<() => void>();
// Set while the loops are stopping: a loop that comes back from a batch after the stop woke
// everyone must not park, or it would wait for a wake that never comes (and the process's
// shutdown for the stop's time limit).
let stopping = false;

function wakeAll() {
  for (const wake of parked) wake();
  parked.clear();
  poller?.wake();
  poller = null;
}

/** Mail was queued in this process: every waiting loop looks now. */
export function wakeMailSenders() {
  wakeAll();
}

/** The loops are stopping: every wait ends now, and no loop waits again until they restart. */
export function stopIdleWaits() {
  stopping = true;
  wakeAll();
}

/** The loops (re)start: idle loops wait again. */
export function resumeIdleWaits() {
  stopping = false;
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
  if (stopping) return;
  if (poller) {
    await new Promise<void>((resolve) => parked.add(resolve));
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const self = { wake: () => {} };
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, pollMs);
    self.wake = resolve;
    poller = self;
  });
  clearTimeout(timer);
  // A wake already made way for a new poller: leave that one in place.
  if (poller === self) poller = null;
}

/** How many loops wait for a wake (tests). */
export function parkedSenderCount() {
  return parked.size;
}
