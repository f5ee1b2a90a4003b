/**
 * The fake Resend API in its own process for `npm run bench:fanout`, so the benchmark's
 * memory figure is the app's alone. Talks to the parent over IPC: sends { url } when
 * listening, answers 'stats' with counts (never the messages themselves).
 */
import { startFakeResend } from '../tests/support/fake-resend';

const fake = await startFakeResend();
process.send?.({ url: fake.url });

process.on('message', (message: unknown) => {
  if (message === 'stats') {
    const perAddress = new Map<string, number>();
    for (const email of fake.received)
      perAddress.set(email.to, (perAddress.get(email.to) ?? 0) + 1);
    let duplicates = 0;
    for (const n of perAddress.values()) duplicates += Math.max(0, n - 1);
    const sends = fake.requestLog.filter((r) => r.status === 200);
    process.send?.({
      received: fake.received.length,
      addresses: perAddress.size,
      duplicates,
      multiRecipient: fake.received.filter((e) => e.to.includes(',')).length,
      requests: fake.requestLog.length,
      sends: sends.length,
      firstAt: sends[0]?.at ?? null,
      lastAt: sends[sends.length - 1]?.at ?? null,
      maxPerSecond: maxInOneSecond(sends.map((r) => r.at)),
      // How the send time divides: the wait before its second request, and the median spacing
      // of the rest (the pacing allows 1.1 s per rate-many requests).
      firstGapMs: sends.length > 1 ? sends[1].at - sends[0].at : null,
      medianGapMs: medianGap(sends.slice(1).map((r) => r.at)),
    });
  }
  if (message === 'close') void fake.close().then(() => process.exit(0));
});

// Drop the bodies as they arrive: 50,000 rendered emails would otherwise hold ~500 MB here.
setInterval(() => {
  for (const email of fake.received) {
    email.html = undefined;
    email.text = undefined;
  }
}, 1000).unref();

function medianGap(times: number[]) {
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  gaps.sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)] : null;
}

function maxInOneSecond(times: number[]) {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= 1000) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
