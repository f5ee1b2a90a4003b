/**
 * A fake of the Resend HTTP API, good enough to drive the real `resend` SDK through
 * RESEND_BASE_URL. It speaks the same request and response shapes as api.resend.com
 * (checked against node_modules/resend/dist): `POST /emails` → `{ id }`,
 * `POST /emails/batch` → `{ data: [{ id }] }`, errors as `{ statusCode, name, message }`.
 *
 * It is stricter than Resend where Startline has a rule (SPEC P5: one recipient per email):
 * an email with more than one `to` address, or with any cc/bcc, is refused with 422.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeResendEmail {
  /** The id this fake answered with. */
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string | undefined;
  text: string | undefined;
  headers: Record<string, string>;
  replyTo: string | string[] | undefined;
  /** The Idempotency-Key header of the request that carried this email (null if none). */
  idempotencyKey: string | null;
}

export type FakeResendFailure =
  | { status: 429; retryAfter?: number }
  | { status: 500 }
  /** A gateway in front of the API refusing the request: a JSON body with no statusCode. */
  | { status: 403; gateway: true };

/** A received (inbound) email as `GET /emails/receiving/:id` returns it. */
export interface FakeInboundMessage {
  to: string[];
  from: string;
  subject: string;
  html?: string | null;
  text?: string | null;
  headers?: Record<string, string> | null;
  cc?: string[] | null;
  bcc?: string[] | null;
  reply_to?: string[] | null;
  message_id?: string;
  created_at?: string;
  attachments?: unknown[];
  /**
   * The bytes of each attachment by its id, served through
   * `GET /emails/receiving/:id/attachments/:attachmentId` (whose `download_url` points back
   * at this fake). Not part of the `GET /emails/receiving/:id` answer, as with Resend.
   */
  files?: Record<string, Uint8Array>;
}

export interface FakeResend {
  /** Base URL for RESEND_BASE_URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  /** Every email accepted, in order. Idempotent replays are not recorded again. */
  received: FakeResendEmail[];
  /** The next `n` send requests (single or batch) fail with this status. */
  failNext(n: number, failure: FakeResendFailure): void;
  /** Inbound messages served by `GET /emails/receiving/:id`; register them by id. */
  inbound: Map<string, FakeInboundMessage>;
  /** How many send requests reached the fake (including failed and replayed ones). */
  requestCount(): number;
  /** Every send request as answered: when it arrived, its status and batch size (rate tests). */
  requestLog: FakeResendRequest[];
  /** Send requests that have been received and not answered yet. */
  inFlight(): number;
  /** Answer send requests this many ms after recording them (a slow provider, crash tests). */
  setResponseDelay(ms: number): void;
  /** Send requests are recorded but not answered until the returned function is called. */
  holdResponses(): () => void;
}

export interface FakeResendRequest {
  /** Date.now() when the request arrived. */
  at: number;
  path: string;
  status: number;
  idempotencyKey: string | null;
  /** sha256 of the request body as received (set once the body was read). */
  bodyHash?: string;
  /** How many emails the request carried (set once the body was read). */
  emails?: number;
}

const MAX_BATCH = 100;

interface ApiError {
  statusCode: number;
  name: string;
  message: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly name_: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  body(): ApiError {
    return { statusCode: this.status, name: this.name_, message: this.message };
  }
}

/** An answer from something in front of the API: whatever body it likes, no `statusCode`. */
class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly payload: unknown,
  ) {
    super('gateway');
  }
}

type Parsed = Omit<FakeResendEmail, 'id' | 'idempotencyKey'>;

/** Validates one email of the request body; returns the fields the fake records. */
function parseEmail(input: unknown): Parsed {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new HttpError(422, 'validation_error', 'Each email must be a JSON object.');
  }
  const email = input as Record<string, unknown>;
  for (const field of ['from', 'to', 'subject'] as const) {
    if (email[field] === undefined || email[field] === null || email[field] === '') {
      throw new HttpError(422, 'missing_required_field', `Missing \`${field}\` field.`);
    }
  }
  const recipients = (Array.isArray(email.to) ? email.to : [email.to]).flatMap((value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [value],
  );
  if (recipients.length !== 1 || typeof recipients[0] !== 'string') {
    throw new HttpError(
      422,
      'validation_error',
      `Startline sends every email to exactly one recipient; got ${recipients.length} in \`to\`.`,
    );
  }
  for (const field of ['cc', 'bcc'] as const) {
    const value = email[field];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) {
      throw new HttpError(422, 'validation_error', `Startline never sends with \`${field}\`.`);
    }
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(recipients[0].replace(/^.*<(.+)>$/, '$1'))) {
    throw new HttpError(422, 'validation_error', 'Invalid `to` field.');
  }
  if (typeof email.from !== 'string' || !email.from.includes('@')) {
    throw new HttpError(422, 'invalid_from_address', 'Invalid `from` field.');
  }
  if (typeof email.subject !== 'string') {
    throw new HttpError(422, 'validation_error', 'Invalid `subject` field.');
  }
  const html = typeof email.html === 'string' ? email.html : undefined;
  const text = typeof email.text === 'string' ? email.text : undefined;
  if (html === undefined && text === undefined) {
    throw new HttpError(422, 'validation_error', 'Missing `html` or `text` field.');
  }
  const headers: Record<string, string> = {};
  if (email.headers !== undefined && email.headers !== null) {
    if (typeof email.headers !== 'object' || Array.isArray(email.headers)) {
      throw new HttpError(422, 'validation_error', 'Invalid `headers` field.');
    }
    for (const [name, value] of Object.entries(email.headers)) headers[name] = String(value);
  }
  const replyTo = email.reply_to as string | string[] | undefined;
  return {
    to: recipients[0],
    from: email.from,
    subject: email.subject,
    html,
    text,
    headers,
    replyTo,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeResend(): Promise<FakeResend> {
  const received: FakeResendEmail[] = [];
  const inbound = new Map<string, FakeInboundMessage>();
  const failures: FakeResendFailure[] = [];
  // Resend keeps a key for 24 hours: the same key with the same body replays the first
  // answer; the same key with another body is a 409. Only successful answers are kept, so a
  // request that failed (429/5xx) can be retried with its key.
  const idempotent = new Map<string, { bodyHash: string; status: number; body: unknown }>();
  const inFlight = new Set<string>();
  const requestLog: FakeResendRequest[] = [];
  let responseDelayMs = 0;
  let held: { released: Promise<void>; release: () => void } | null = null;
  let requests = 0;

  async function handleSend(
    request: IncomingMessage,
    path: '/emails' | '/emails/batch',
    logged: FakeResendRequest,
  ) {
    requests += 1;
    const failure = failures.shift();
    if (failure?.status === 403) {
      throw new GatewayError(403, { message: 'Request blocked by the gateway.' });
    }
    if (failure?.status === 429) {
      throw new HttpError(
        429,
        'rate_limit_exceeded',
        'Too many requests. You can only make 2 requests per second.',
        {
          ...(failure.retryAfter !== undefined
            ? { 'retry-after': String(failure.retryAfter) }
            : {}),
          'ratelimit-limit': '2',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(failure.retryAfter ?? 1),
        },
      );
    }
    if (failure?.status === 500) {
      throw new HttpError(500, 'internal_server_error', 'An unexpected error occurred.');
    }

    const authorization = request.headers.authorization ?? '';
    if (!/^Bearer \S+/.test(authorization)) {
      throw new HttpError(401, 'missing_api_key', 'Missing API key in the authorization header.');
    }
    const raw = await readBody(request);
    logged.bodyHash = createHash('sha256').update(raw).digest('hex');
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      throw new HttpError(422, 'validation_error', 'The request body is not valid JSON.');
    }

    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key.length > 0 ? key : null;
    if (idempotencyKey && idempotencyKey.length > 256) {
      throw new HttpError(400, 'invalid_idempotency_key', 'The key must be 1-256 characters long.');
    }
    const scopedKey = idempotencyKey ? `${path} ${idempotencyKey}` : null;
    const bodyHash = logged.bodyHash;
    logged.emails = Array.isArray(payload) ? payload.length : 1;
    if (scopedKey) {
      const previous = idempotent.get(scopedKey);
      if (previous) {
        if (previous.bodyHash !== bodyHash) {
          throw new HttpError(
            409,
            'invalid_idempotent_request',
            'Same idempotency key used with a different request payload.',
          );
        }
        return { status: previous.status, body: previous.body };
      }
    }

    let answer: { status: number; body: unknown };
    if (path === '/emails') {
      const email = parseEmail(payload);
      const id = randomUUID();
      received.push({ id, ...email, idempotencyKey });
      answer = { status: 200, body: { id } };
    } else {
      if (!Array.isArray(payload)) {
        throw new HttpError(422, 'validation_error', 'The batch body must be an array of emails.');
      }
      if (payload.length === 0 || payload.length > MAX_BATCH) {
        throw new HttpError(422, 'validation_error', `A batch holds 1 to ${MAX_BATCH} emails.`);
      }
      const permissive = request.headers['x-batch-validation'] === 'permissive';
      const parsed: Parsed[] = [];
      const errors: { index: number; message: string }[] = [];
      payload.forEach((item, index) => {
        try {
          parsed.push(parseEmail(item));
        } catch (error) {
          if (!(error instanceof HttpError) || !permissive) throw error;
          errors.push({ index, message: error.message });
        }
      });
      const data = parsed.map((email) => {
        const id = randomUUID();
        received.push({ id, ...email, idempotencyKey });
        return { id };
      });
      answer = { status: 200, body: permissive ? { data, errors } : { data } };
    }
    if (scopedKey) idempotent.set(scopedKey, { bodyHash, ...answer });
    return answer;
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-resend');
    const path = url.pathname.replace(/\/+$/, '');
    const key = request.headers['idempotency-key'];
    const scoped = typeof key === 'string' && key ? `${path} ${key}` : null;
    void (async () => {
      try {
        if (request.method === 'POST' && (path === '/emails' || path === '/emails/batch')) {
          const logged: FakeResendRequest = {
            at: Date.now(),
            path,
            status: 0,
            idempotencyKey: typeof key === 'string' && key ? key : null,
          };
          requestLog.push(logged);
          response.once('finish', () => {
            logged.status = response.statusCode;
          });
          if (scoped && inFlight.has(scoped)) {
            throw new HttpError(
              409,
              'concurrent_idempotent_requests',
              'Same idempotency key used while the original request is still in progress.',
            );
          }
          if (scoped) inFlight.add(scoped);
          try {
            const answer = await handleSend(request, path, logged);
            if (responseDelayMs > 0)
              await new Promise((resolve) => setTimeout(resolve, responseDelayMs));
            if (held) await held.released;
            send(response, answer.status, answer.body);
          } finally {
            if (scoped) inFlight.delete(scoped);
          }
          return;
        }
        const attachment = /^\/emails\/receiving\/([^/]+)\/attachments\/([^/]+)$/.exec(path);
        if (request.method === 'GET' && attachment) {
          const id = decodeURIComponent(attachment[1]);
          const attachmentId = decodeURIComponent(attachment[2]);
          const bytes = inbound.get(id)?.files?.[attachmentId];
          if (!bytes) throw new HttpError(404, 'not_found', 'Attachment not found');
          const meta =
            ((inbound.get(id)?.attachments ?? []) as Record<string, unknown>[]).find(
              (a) => a.id === attachmentId,
            ) ?? {};
          send(response, 200, {
            object: 'attachment',
            id: attachmentId,
            filename: meta.filename,
            size: bytes.byteLength,
            content_type: meta.content_type ?? 'application/octet-stream',
            content_disposition: 'attachment',
            download_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/_downloads/${encodeURIComponent(id)}/${encodeURIComponent(attachmentId)}`,
            expires_at: new Date(Date.now() + 3600_000).toISOString(),
          });
          return;
        }
        const download = /^\/_downloads\/([^/]+)\/([^/]+)$/.exec(path);
        if (request.method === 'GET' && download) {
          const bytes = inbound.get(decodeURIComponent(download[1]))?.files?.[
            decodeURIComponent(download[2])
          ];
          if (!bytes) throw new HttpError(404, 'not_found', 'Attachment not found');
          response.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-length': String(bytes.byteLength),
          });
          response.end(Buffer.from(bytes));
          return;
        }
        const receiving = /^\/emails\/receiving\/([^/]+)$/.exec(path);
        if (request.method === 'GET' && receiving) {
          const id = decodeURIComponent(receiving[1]);
          const found = inbound.get(id);
          if (!found) throw new HttpError(404, 'not_found', 'Email not found');
          const { files: _files, ...message } = found;
          send(response, 200, {
            object: 'email',
            id,
            created_at: new Date().toISOString(),
            html: null,
            text: null,
            headers: {},
            cc: [],
            bcc: [],
            reply_to: [],
            received_for: message.to,
            message_id: `<${id}@fake-resend.local>`,
            attachments: [],
            ...message,
          });
          return;
        }
        throw new HttpError(
          405,
          'method_not_allowed',
          `${request.method} ${path} is not implemented.`,
        );
      } catch (error) {
        if (error instanceof HttpError) {
          send(response, error.status, error.body(), error.headers);
        } else if (error instanceof GatewayError) {
          send(response, error.status, error.payload);
        } else {
          send(response, 500, {
            statusCode: 500,
            name: 'internal_server_error',
            message: String(error),
          });
        }
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    inbound,
    requestLog,
    failNext(n, failure) {
      for (let i = 0; i < n; i += 1) failures.push(failure);
    },
    requestCount: () => requests,
    inFlight: () => inFlight.size,
    setResponseDelay(ms) {
      responseDelayMs = ms;
    },
    holdResponses() {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const hold = { released, release };
      held = hold;
      return () => {
        if (held === hold) held = null;
        hold.release();
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
