import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ShownText } from '~/components/sponsor/content-language';
import { useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { pickContent } from '~/utils/content-language';
import { formatPeriod } from '~/modules/sponsors/offer-dates';
import {
  claimOffer,
  getOfferForMember,
  markCodeUsed,
} from '~/modules/sponsors/offer-claims.server';
import { memberOfferSchema } from '~/modules/sponsors/member-offer-forms.server';
import { qrCodeSvg } from '~/modules/sponsors/qr-code.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, membership } = await requireMember(request, params.slug, context);
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
        // A sponsor may have written only one language: the other reader sees it, marked.
        title: pickContent(p.titleJa, p.titleEn, locale),
        discount: pickContent(p.discountJa, p.discountEn, locale),
        body: pickContent(p.bodyJa, p.bodyEn, locale),
        terms: pickContent(p.termsJa, p.termsEn, locale),
        period: formatPeriod(p.validFrom, p.validUntil, locale),
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, membership } = await requireMember(request, params.slug, context);
  const submission = await parseSubmission(request, memberOfferSchema, getTranslator(request));
  // Shown above the code (the unticked confirmation, for one); nothing was changed.
  if (submission.status !== 'success') return refuseSubmission(submission);
  const base = `/e/${event.slug}/offers/${params.offerId}`;
  if (submission.value.intent === 'used') {
    if (!(await markCodeUsed(membership.id, submission.value.codeId))) {
      return refuseSubmission(submission, { formError: 'sponsors.member.cannotMarkUsed' }, 409);
    }
    return redirect(base);
  }
  const result = await claimOffer(event.id, membership.id, params.offerId ?? '');
  if (result.ok) return redirect(`${base}?claimed=1`);
  if (result.reason === 'not_available') throw new Response(null, { status: 404 });
  const formError =
    result.reason === 'sold_out' ? 'sponsors.member.soldOut' : 'sponsors.member.limitReached';
  return refuseSubmission(submission, { formError }, 409);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.member.title');

export default function MemberOffer() {
  const { slug, offer, codes } = useLoaderData<typeof loader>();
  const refusal = lastSubmission(useActionData<typeof action>());
  const t = useT();
  // One message above the codes: the form's own, else the first field's (the missing tick).
  const formError = errorText(
    t,
    refusal?.error?.[''] ?? Object.values(refusal?.error ?? {}).find(Boolean) ?? undefined,
  );
  return (
    <>
      <p className="muted">
        <Link to={`/e/${slug}/offers`}>← {t('sponsors.member.title')}</Link>
      </p>
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
        </p>
      ) : null}
      {codes.map((c) => (
        <section key={c.id} className="card my-code" aria-label={t('sponsors.member.yourCode')}>
          <h2>{t('sponsors.member.yourCode')}</h2>
          <div className="my-code__body">
            <div
              className="qr"
              role="img"
              aria-label={t('sponsors.member.qrLabel')}
              data-testid="my-code-qr"
              dangerouslySetInnerHTML={{ __html: c.qr }}
            />
            <p className="code-big" data-testid="my-code">
              {c.code}
            </p>
            {c.used ? (
              <p className="badge">{t('sponsors.member.used')}</p>
            ) : (
              <p className="muted">{t('sponsors.member.showAtTill')}</p>
            )}
          </div>
          <p className="muted small">{t('sponsors.member.onlyYou')}</p>
          {c.used ? null : (
            // Folded away under the code: opening it and ticking the box are two deliberate
            // steps, so a tap while the clerk is reading does not burn the coupon.
            <details className="mark-used" data-testid="mark-used">
              <summary>{t('sponsors.member.markUsed')}</summary>
              <Form method="post" className="mark-used__confirm">
                <input type="hidden" name="codeId" value={c.id} />
                <p className="muted small">{t('sponsors.member.markUsedHint')}</p>
                <label className="choice">
                  <input type="checkbox" name="confirm" value="yes" required />
                  {t('sponsors.member.markUsedConfirm')}
                </label>
                <button type="submit" name="intent" value="used" className="button button--quiet">
                  {t('sponsors.member.markUsedSubmit')}
                </button>
              </Form>
            </details>
          )}
        </section>
      ))}
      <article className="card offer-detail">
        {offer.hasImage ? (
          <img src={`/e/${slug}/offers/${offer.id}/image`} alt="" className="offer-image" />
        ) : null}
        <p className="muted">{offer.sponsor}</p>
        <h1>
          <ShownText shown={offer.title} />
        </h1>
        <p className="offer-discount">
          <ShownText shown={offer.discount} mark={false} />
        </p>
        {offer.body.text ? (
          <p className="prewrap">
            {/* One mark per offer: the body's own only when it differs from the title. */}
            <ShownText shown={offer.body} mark={offer.body.lang !== offer.title.lang} />
          </p>
        ) : null}
        <dl className="stat-facts">
          <div>
            <dt>{t('sponsors.offer.period')}</dt>
            <dd>{offer.period}</dd>
          </div>
        </dl>
        {offer.terms.text ? (
          <>
            <h2>{t('sponsors.member.terms')}</h2>
            <p className="muted prewrap">
              <ShownText shown={offer.terms} mark={offer.terms.lang !== offer.title.lang} />
            </p>
          </>
        ) : null}
      </article>
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
