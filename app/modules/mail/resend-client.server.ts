import { AsyncLocalStorage } from 'node:async_hooks';
import { Resend } from 'resend';
import { env } from '~/env.server';

/**
 * The process's one Resend SDK client: sending (mail-provider), fetching received mail (relay)
 * and verifying webhooks all go through it.
 */

/**
 * The SDK answers an error with the error *body* it received, and reads the HTTP status from a
 * `statusCode` field in it; a gateway or proxy in between answers without that field. The
 * status itself is only handed to the SDK's own error logger, so this subclass keeps it for
 * the request that is running (AsyncLocalStorage: many requests share one client).
 */
class ResendWithStatus extends Resend {
  private readonly statusOfRequest = new AsyncLocalStorage<{ status?: number }>();

  constructor(key: string | undefined) {
    super(key);
    type LogError = (error: unknown, path: unknown, status?: unknown) => void;
    const self = this as unknown as { logError: LogError };
    const logError = self.logError;
    self.logError = (error, path, status) => {
      const box = this.statusOfRequest.getStore();
      if (box && typeof status === 'number') box.status = status;
      logError.call(this, error, path, status);
    };
  }

  override async fetchRequest<T>(path: string, options?: { body?: unknown }) {
    const gate = requestGate.getStore();
    if (gate) {
      // The SDK has serialized the body by now; encoding it here too leaves the request nothing
      // to do between the gate opening and its bytes going out but the socket write.
      if (typeof options?.body === 'string')
        options = { ...options, body: Buffer.from(options.body) };
      await gate();
    }
    const box: { status?: number } = {};
    const response = await this.statusOfRequest.run(box, () =>
      super.fetchRequest<T>(path, options),
    );
    if (response.error && box.status !== undefined) {
      response.error = { ...response.error, statusCode: box.status } as typeof response.error;
    }
    return response;
  }
}

/**
 * A wait that the SDK's next request makes just before it goes out, after the SDK built and
 * serialized its body (for a batch of 100 emails, 1.5 MB of JSON: up to ~50 ms of CPU on a busy
 * worker). The send slot is taken here, so that time is not spent between taking a slot and
 * the request reaching the provider, where it ate into the pacing's jitter margin.
 */
const requestGate = new AsyncLocalStorage<() => Promise<void>>();

/** Runs one SDK call whose request waits for `beforeRequest` once its body is ready. */
export function sendWhenReady<T>(beforeRequest: () => Promise<void>, send: () => Promise<T>) {
  return requestGate.run(beforeRequest, send);
}

/** Webhook verification needs no API key, but the SDK's constructor refuses to run without one. */
const VERIFY_ONLY_KEY = 're_webhook_verification_only';

let client: { key: string; resend: Resend } | undefined;

function clientFor(apiKey: string | undefined): Resend {
  // Rebuilt when the key or the base URL changes: the SDK reads RESEND_BASE_URL only when it
  // is constructed, and that is how tests point it at the fake API.
  const key = `${apiKey ?? ''}|${process.env.RESEND_BASE_URL ?? ''}`;
  if (client?.key !== key) client = { key, resend: new ResendWithStatus(apiKey) };
  return client.resend;
}

/**
 * The client for API calls. Without RESEND_API_KEY the SDK throws, as it always did: callers
 * only reach Resend when mail goes through it (see mailTransportKind).
 */
export function resendClient(): Resend {
  return clientFor(env.RESEND_API_KEY);
}

/** Resend's webhook verifier (Standard Webhooks, signed through Svix); needs no API key. */
export function resendWebhooks(): Resend['webhooks'] {
  return clientFor(env.RESEND_API_KEY ?? VERIFY_ONLY_KEY).webhooks;
}
