import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { formatDay } from '~/modules/sponsors/offer-dates';
import {
  claimOffer,
  getOfferForMember,
  markCodeUsed,
} from '~/modules/sponsors/offer-claims.server';
import { qrCodeSvg } from '~/modules/sponsors/qr-code.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('claim') }),
  z.object({ intent: z.literal('used'), codeId: z.coerce.number().int().positive() }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, membership } = await requireMember(request, params.slug);
  const offer = await getOfferForMember(event.id, membership.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  const ja = locale === 'ja';
  const p = offer.published;
  const codes = await Promise.all(
    offer.codes.map(async (c) => ({
      id: c.codeId,
      code: c.code,
      used: c.status === 'redeemed',
      qr: await qrCodeSvg(c.code),
    })),
  );
  return json(
    {
      slug: event.slug,
      offer: {
        id: offer.id,
        live: offer.live,
        sponsor: ja ? offer.sponsorNameJa : offer.sponsorNameEn,
        title: ja ? p.titleJa : p.titleEn,
        discount: ja ? p.discountJa : p.discountEn,
        body: ja ? p.bodyJa : p.bodyEn,
        terms: ja ? p.termsJa : p.termsEn,
        period: `${formatDay(p.validFrom, locale)} – ${formatDay(p.validUntil, locale)}`,
        hasImage: Boolean(p.imageFile),
        soldOut: offer.soldOut,
        canClaim: offer.canClaim,
        limit: offer.perMemberLimit,
      },
      codes,
    },
    // The member's own code: never stored by a shared cache.
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event, membership } = await requireMember(request, params.slug);
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), actionSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const base = `/e/${event.slug}/offers/${params.offerId}`;
  if (form.data.intent === 'used') {
    if (!(await markCodeUsed(membership.id, form.data.codeId))) {
      return json({ formError: t('sponsors.member.cannotMarkUsed') }, { status: 409 });
    }
    return redirect(base);
  }
  const result = await claimOffer(event.id, membership.id, params.offerId ?? '');
  if (result.ok) return redirect(`${base}?claimed=1`);
  if (result.reason === 'not_available') throw new Response(null, { status: 404 });
  const message =
    result.reason === 'sold_out' ? t('sponsors.member.soldOut') : t('sponsors.member.limitReached');
  return json({ formError: message, reason: result.reason }, { status: 409 });
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function MemberOffer() {
  const { slug, offer, codes } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string }>();
  const t = useT();
  return (
    <>
      <p className="muted">
        <Link to={`/e/${slug}/offers`}>← {t('sponsors.member.title')}</Link>
      </p>
      <article className="card offer-detail">
        {offer.hasImage ? (
          <img src={`/e/${slug}/offers/${offer.id}/image`} alt="" className="offer-image" />
        ) : null}
        <p className="muted">{offer.sponsor}</p>
        <h1>{offer.title}</h1>
        <p className="offer-discount">{offer.discount}</p>
        {offer.body ? <p className="prewrap">{offer.body}</p> : null}
        <dl className="stat-facts">
          <div>
            <dt>{t('sponsors.offer.period')}</dt>
            <dd>{offer.period}</dd>
          </div>
        </dl>
        {offer.terms ? (
          <>
            <h2>{t('sponsors.member.terms')}</h2>
            <p className="muted prewrap">{offer.terms}</p>
          </>
        ) : null}
      </article>
      {codes.map((c) => (
        <section key={c.id} className="card my-code" aria-label={t('sponsors.member.yourCode')}>
          <h2>{t('sponsors.member.yourCode')}</h2>
          <p className="muted">{t('sponsors.member.onlyYou')}</p>
          <div className="my-code__body">
            <div
              className="qr"
              role="img"
              aria-label={t('sponsors.member.qrLabel')}
              dangerouslySetInnerHTML={{ __html: c.qr }}
            />
            <div>
              <p className="code-big" data-testid="my-code">
                {c.code}
              </p>
              {c.used ? (
                <p className="badge">{t('sponsors.member.used')}</p>
              ) : (
                <>
                  <p className="muted">{t('sponsors.member.showAtTill')}</p>
                  <Form method="post">
                    <input type="hidden" name="codeId" value={c.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="used"
                      className="button button--quiet"
                    >
                      {t('sponsors.member.markUsed')}
                    </button>
                  </Form>
                  <p className="muted small">{t('sponsors.member.markUsedHint')}</p>
                </>
              )}
            </div>
          </div>
        </section>
      ))}
      {actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {offer.canClaim ? (
        <Form method="post" className="card">
          <p>
            {codes.length === 0
              ? t('sponsors.member.claimIntro')
              : t('sponsors.member.claimAnother', { n: offer.limit })}
          </p>
          <button type="submit" name="intent" value="claim" className="button">
            {t('sponsors.member.claim')}
          </button>
        </Form>
      ) : codes.length === 0 && offer.soldOut ? (
        <p className="card">{t('sponsors.member.soldOut')}</p>
      ) : null}
    </>
  );
}
