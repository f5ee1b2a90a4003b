/**
 * A form the visitor got wrong is a 4xx to any client posting the form; to the page's own
 * JavaScript (Remix's data request) the same refusal travels as 200 with the real status in
 * X-Form-Status, so browsers do not log every typo as a console error (issue 15). Thrown
 * refusals — a role the visitor lacks — keep their status for both.
 */
import { decode } from 'turbo-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { addStaff, createTestEvent } from '../support/events';
import { createDocumentHandler } from '../support/remix-document';
import { formRequest, getRequest } from '../support/requests';

let handle: Awaited<ReturnType<typeof createDocumentHandler>>;
let viewerCookie: string;
let slug: string;

beforeAll(async () => {
  handle = await createDocumentHandler([
    'sign-in.tsx',
    'join.$token.tsx',
    'staff.$slug.channels.tsx',
  ]);
  const event = await createTestEvent('form-status-2027');
  slug = event.slug;
  viewerCookie = (await addStaff(event.eventId, 'viewer@form-status.example', 'viewer')).cookie;
});

describe('a form that did not validate', () => {
  it('answers a plain form post 400 with the localized page', async () => {
    const response = await handle(
      // Remix compares a document POST's Origin with its Host, as a browser would send it.
      formRequest('/sign-in', { email: 'not an address' }, { headers: { Host: 'localhost:3000' } }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('X-Form-Status')).toBeNull();
    const html = await response.text();
    // The value typed and the error, translated, are in the HTML: no JavaScript needed.
    expect(html).toContain('value="not an address"');
    expect(html).toContain(translate('ja', 'form.email.invalid'));
  });

  it('answers the page’s data request 200 with X-Form-Status 400 and the same field errors', async () => {
    const response = await handle(
      formRequest(
        '/sign-in.data',
        { email: 'not an address' },
        { headers: { Host: 'localhost:3000' } },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Form-Status')).toBe('400');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    // Single fetch's encoding (turbo-stream), decoded as the browser does.
    const { value } = await decode(response.body!);
    const body = (value as { data: { submission: { error: Record<string, string[]> } } }).data;
    expect(body.submission.error.email).toEqual(['form.email.invalid']);
  });
});

describe('what is not a form answer keeps its status', () => {
  it('a loader’s 410 for a dead invitation link', async () => {
    const response = await handle(
      getRequest('/join/no-such-token.data?_routes=routes%2Fjoin.%24token'),
    );
    expect(response.status).toBe(410);
    expect(response.headers.get('X-Form-Status')).toBeNull();
  });

  it('a thrown 403 for a role the visitor lacks', async () => {
    const response = await handle(
      formRequest(
        `/staff/${slug}/channels.data`,
        { nameJa: 'x', nameEn: 'x' },
        { cookie: viewerCookie, headers: { Host: 'localhost:3000' } },
      ),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('X-Form-Status')).toBeNull();
  });
});
