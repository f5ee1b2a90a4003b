import { sponsors, sponsorStaff } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { generateCodes } from '~/modules/sponsors/code-pool.server';
import type { OfferFormData } from '~/modules/sponsors/offer-form';
import { createOffer, submitOffer } from '~/modules/sponsors/offers.server';
import { reviewOffer } from '~/modules/sponsors/sponsor-review.server';
import { generateId } from '~/modules/security/tokens.server';
import { signedInUser } from './auth';
import { APP_ORIGIN } from './requests';

/**
 * A sponsor with one signed-in staff member, as after the invitation and sign-in (that flow
 * itself is tested in sponsor-invitations.test.ts).
 */
export async function createTestSponsor(eventId: string, email: string, name = 'Test Sports') {
  const sponsorId = generateId();
  await db
    .insert(sponsors)
    .values({ id: sponsorId, eventId, nameJa: `${name}(日本語)`, nameEn: name });
  const user = await signedInUser(email);
  await db.insert(sponsorStaff).values({ sponsorId, userId: user.userId });
  return { sponsorId, eventId, email, ...user };
}

const DAY = 86_400_000;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

export function offerForm(
  overrides: Partial<Record<keyof OfferFormData, string>> = {},
): Record<string, string> {
  return {
    titleJa: 'シューズ 20%オフ',
    titleEn: '20% off shoes',
    discountJa: '定価から20%オフ',
    discountEn: '20% off',
    bodyJa: '店頭でご提示ください。',
    bodyEn: 'Show this at the till.',
    termsJa: 'お一人様1回限り。',
    termsEn: 'Once per runner.',
    validFrom: isoDay(-1),
    validUntil: isoDay(30),
    perMemberLimit: '1',
    ...overrides,
  };
}

export function parsedOffer(
  overrides: Partial<Record<keyof OfferFormData, string>> = {},
): OfferFormData {
  const form = offerForm(overrides);
  return {
    ...(form as unknown as OfferFormData),
    perMemberLimit: Number(form.perMemberLimit),
    removeImage: undefined,
  };
}

/** An offer taken through the real module functions: drafted, pooled, submitted, approved. */
export async function createLiveOffer(input: {
  sponsor: { sponsorId: string; eventId: string; userId: string };
  ownerUserId: string;
  codes?: number;
  limit?: number;
  overrides?: Partial<Record<keyof OfferFormData, string>>;
  approve?: boolean;
}) {
  const { sponsorId, eventId, userId } = input.sponsor;
  const offerId = await createOffer({
    sponsorId,
    eventId,
    userId,
    data: parsedOffer({ perMemberLimit: String(input.limit ?? 1), ...input.overrides }),
    image: null,
  });
  await generateCodes({
    sponsorId,
    eventId,
    offerId,
    userId,
    count: input.codes ?? 20,
    prefix: '',
  });
  await submitOffer({ sponsorId, offerId, userId });
  if (input.approve !== false) {
    const result = await reviewOffer({
      eventId,
      offerId,
      ownerUserId: input.ownerUserId,
      decision: 'approve',
      comment: '',
      version: 1,
    });
    if (!result.ok) throw new Error(`approval failed: ${result.reason}`);
  }
  return offerId;
}

/** A multipart POST as a browser sends it (files as Blobs). */
export function multipartRequest(
  path: string,
  fields: Record<string, string>,
  files: Record<string, { bytes: Uint8Array; name: string; type?: string }> = {},
  options: { cookie?: string } = {},
): Request {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const [key, file] of Object.entries(files)) {
    body.append(
      key,
      new Blob([file.bytes as BlobPart], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  return new Request(`${APP_ORIGIN}${path}`, {
    method: 'POST',
    headers: { Origin: APP_ORIGIN, ...(options.cookie ? { Cookie: options.cookie } : {}) },
    body,
  });
}
