/**
 * Drives the staff announcement routes the way the pages do (form POSTs with a session), for
 * the announcement, fan-out and unsubscribe tests.
 */
import * as overviewRoute from '~/routes/staff.$slug.announcements.$announcementId._index';
import * as editRoute from '~/routes/staff.$slug.announcements.$announcementId.edit';
import * as previewRoute from '~/routes/staff.$slug.announcements.$announcementId.preview.$snapshotId';
import * as newRoute from '~/routes/staff.$slug.announcements.new';
import { callRoute, formRequest, getRequest, jsonOf } from './requests';

export type DraftFields = Record<string, string>;

export function draftFields(channelId: string, overrides: DraftFields = {}): DraftFields {
  return {
    channelId,
    titleJa: 'コース変更のお知らせ',
    bodyJa:
      '**5km地点**の給水所が変わります。\n\n詳しくは [大会サイト](https://example.com/course) をご覧ください。',
    titleEn: 'Course change',
    bodyEn: 'The water station at **5 km** moves. See [the race site](https://example.com/course).',
    audienceMode: 'everyone_on_channel',
    ...overrides,
  };
}

export async function postDraft(cookie: string, slug: string, fields: DraftFields) {
  return callRoute(
    newRoute.action,
    formRequest(`/staff/${slug}/announcements/new`, fields, { cookie }),
    { slug },
  );
}

export async function createDraft(
  cookie: string,
  slug: string,
  fields: DraftFields,
): Promise<string> {
  const response = await postDraft(cookie, slug, fields);
  if (response.status !== 302)
    throw new Error(`draft not created: ${response.status} ${await response.text()}`);
  return response.headers.get('Location')!.split('/').pop()!;
}

export async function editDraft(
  cookie: string,
  slug: string,
  announcementId: string,
  fields: DraftFields,
) {
  return callRoute(
    editRoute.action,
    formRequest(`/staff/${slug}/announcements/${announcementId}/edit`, fields, { cookie }),
    { slug, announcementId },
  );
}

export async function overviewAction(
  cookie: string,
  slug: string,
  announcementId: string,
  fields: DraftFields,
) {
  return callRoute(
    overviewRoute.action,
    formRequest(`/staff/${slug}/announcements/${announcementId}`, fields, { cookie }),
    { slug, announcementId },
  );
}

/** Opens the preview (a POST that freezes the audience); returns the snapshot id. */
export async function freeze(
  cookie: string,
  slug: string,
  announcementId: string,
): Promise<string> {
  const response = await overviewAction(cookie, slug, announcementId, { intent: 'preview' });
  if (response.status !== 302)
    throw new Error(`preview not opened: ${response.status} ${await response.text()}`);
  return response.headers.get('Location')!.split('/').pop()!;
}

export interface PreviewData {
  snapshot: { id: string; count: number; channelId: string; expired: boolean; used: boolean };
  sample: number[];
  emailCount: number;
  refusal: string | null;
  canApproveBroadcast: boolean;
  emails: { locale: string; subject: string; html: string }[];
}

export async function previewOf(
  cookie: string,
  slug: string,
  announcementId: string,
  snapshotId: string,
) {
  const response = await callRoute(
    previewRoute.loader,
    getRequest(`/staff/${slug}/announcements/${announcementId}/preview/${snapshotId}`, { cookie }),
    { slug, announcementId, snapshotId },
  );
  if (response.status !== 200) throw new Error(`preview failed: ${response.status}`);
  return jsonOf<PreviewData>(response);
}

/** The preview page's send POST, with whatever fields the (possibly broken) client sends. */
export async function postSend(
  cookie: string,
  slug: string,
  announcementId: string,
  snapshotIdInUrl: string,
  fields: DraftFields,
) {
  return callRoute(
    previewRoute.action,
    formRequest(
      `/staff/${slug}/announcements/${announcementId}/preview/${snapshotIdInUrl}`,
      fields,
      { cookie },
    ),
    { slug, announcementId, snapshotId: snapshotIdInUrl },
  );
}

/** What a correct page posts: the snapshot, and the count and channel the person saw. */
export async function sendAsShown(
  cookie: string,
  slug: string,
  announcementId: string,
  snapshotId: string,
) {
  const preview = await previewOf(cookie, slug, announcementId, snapshotId);
  return postSend(cookie, slug, announcementId, snapshotId, {
    intent: 'send',
    snapshotId,
    expectedCount: String(preview.snapshot.count),
    expectedChannelId: preview.snapshot.channelId,
  });
}
