import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import {
  eventStaff,
  offerCodes,
  offers,
  sponsorNotices,
  sponsors,
  sponsorStaff,
  users,
} from '~db/schema';
import { generateId } from '~/modules/security/tokens.server';
import { generateCode } from './code-pool.server';
import { publishedCopy } from './offers.server';

export const DEMO_SPONSOR_EMAIL = 'sponsor@sakura-sports.example';

/**
 * The demo's sponsor: さくらスポーツ / Sakura Sports, with one approved offer (and a pool of
 * generated codes) that runners can claim, and one offer still waiting for the owner.
 */
export async function seedDemoSponsor(eventId: string, tx: DbOrTx) {
  const [owner] = await tx
    .select({ userId: eventStaff.userId })
    .from(eventStaff)
    .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.role, 'owner')))
    .limit(1);
  const userId = generateId();
  const sponsorId = generateId();
  await tx.insert(users).values({ id: userId, email: DEMO_SPONSOR_EMAIL, locale: 'ja' });
  await tx.insert(sponsors).values({
    id: sponsorId,
    eventId,
    nameJa: 'さくらスポーツ',
    nameEn: 'Sakura Sports',
    createdBy: owner?.userId ?? null,
  });
  await tx.insert(sponsorStaff).values({ sponsorId, userId });

  const now = Date.now();
  const approved = {
    id: generateId(),
    version: 1,
    titleJa: 'ランニングシューズ 20%オフ',
    titleEn: '20% off running shoes',
    bodyJa:
      'さくらスポーツ 駅前店・川沿い店で、ランニングシューズを定価の20%オフでお求めいただけます。大会前の足慣らしにどうぞ。',
    bodyEn:
      'Get 20% off the list price of running shoes at Sakura Sports, Station and Riverside stores. Break them in before race day.',
    discountJa: '定価から20%オフ',
    discountEn: '20% off the list price',
    termsJa:
      'お一人様1回限り。ほかの割引との併用はできません。レジでコードまたはQRコードをご提示ください。',
    termsEn:
      'Once per runner. Cannot be combined with other discounts. Show the code or QR code at the till.',
    validFrom: new Date(now - 7 * 86_400_000),
    validUntil: new Date('2027-03-28T23:59:59.999+09:00'),
    imageFile: null,
    imageType: null,
  };
  await tx.insert(offers).values({
    ...approved,
    sponsorId,
    eventId,
    perMemberLimit: 1,
    status: 'approved',
    reviewComment: '内容を確認しました。よろしくお願いいたします。',
    reviewedBy: owner?.userId ?? null,
    reviewedAt: new Date(),
    submittedAt: new Date(),
    published: publishedCopy(approved),
    publishedFrom: approved.validFrom,
    publishedUntil: approved.validUntil,
    createdBy: userId,
  });
  const pendingId = generateId();
  await tx.insert(offers).values({
    id: pendingId,
    sponsorId,
    eventId,
    titleJa: '完走記念 ドリンク1杯無料',
    titleEn: 'A free drink to celebrate your finish',
    bodyJa: '大会当日、フィニッシュ会場のさくらスポーツ ブースでドリンクを1杯差し上げます。',
    bodyEn: 'On race day, pick up a free drink at the Sakura Sports booth by the finish.',
    discountJa: 'ドリンク1杯無料',
    discountEn: 'One free drink',
    termsJa: '大会当日のみ有効です。',
    termsEn: 'Valid on race day only.',
    validFrom: new Date('2027-03-28T00:00:00+09:00'),
    validUntil: new Date('2027-03-28T23:59:59.999+09:00'),
    perMemberLimit: 1,
    status: 'pending',
    submittedAt: new Date(),
    createdBy: userId,
  });
  const codes = [
    ...Array.from({ length: 200 }, () => ({
      offerId: approved.id,
      sponsorId,
      code: generateCode('SAKURA'),
    })),
    ...Array.from({ length: 100 }, () => ({
      offerId: pendingId,
      sponsorId,
      code: generateCode('DRINK'),
    })),
  ];
  await tx.insert(offerCodes).values(codes).onConflictDoNothing();
  await tx.insert(sponsorNotices).values({
    id: generateId(),
    sponsorId,
    eventId,
    titleJa: '大会前の試し履き会を開催します',
    titleEn: 'Try-on days before the race',
    bodyJa:
      '3月の毎週末、駅前店でランニングシューズの試し履き会を行います。お気軽にお立ち寄りください。',
    bodyEn: 'Every weekend in March, try on running shoes at our Station store. Drop by any time.',
    status: 'approved',
    submittedAt: new Date(),
    reviewedBy: owner?.userId ?? null,
    reviewedAt: new Date(),
    publishedAt: new Date(),
    createdBy: userId,
  });
}
