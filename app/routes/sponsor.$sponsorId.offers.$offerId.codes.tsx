import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { ShownText } from '~/components/sponsor/content-language';
import { PoolSentence } from '~/components/sponsor/pool-sentence';
import { codeFileProblem, codeLineProblem } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  generateCodes,
  importCodeFile,
  MAX_GENERATED_PER_REQUEST,
  poolCounts,
  readCodeFileUpload,
  type CodeLineProblem,
} from '~/modules/sponsors/code-pool.server';
import { pickContent } from '~/utils/content-language';
import { getOfferForSponsor } from '~/modules/sponsors/offers.server';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { remainingDisplay } from '~/modules/sponsors/sponsor-stats.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { normalizeText } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

const generateSchema = z.object({
  count: z
    .string({ error: 'form.required' })
    .transform(normalizeText)
    .transform(Number)
    .pipe(
      z
        .number({ error: 'sponsors.codes.countInvalid' })
        .int('sponsors.codes.countInvalid')
        .min(1, 'sponsors.codes.countInvalid')
        .max(MAX_GENERATED_PER_REQUEST, 'sponsors.codes.countInvalid'),
    ),
  prefix: z
    .string()
    .optional()
    .transform((v) => normalizeText(v ?? '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{0,8}$/, 'sponsors.codes.prefixInvalid')),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  const offer = await getOfferForSponsor(sponsor.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const counts = await poolCounts(offer.id);
  const locale = getLocale(request);
  return json({
    sponsorId: sponsor.id,
    offer: { id: offer.id, title: pickContent(offer.titleJa, offer.titleEn, locale) },
    pool: {
      total: counts.total,
      shown: remainingDisplay(counts.total, counts.total - counts.available),
    },
  });
}

type ActionData =
  | { ok: true; added: number }
  | {
      ok: false;
      formError: string;
      problems?: CodeLineProblem[];
      badLines?: number;
      totalLines?: number;
    }
  | { fieldErrors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const offer = await getOfferForSponsor(sponsor.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const ids = { sponsorId: sponsor.id, eventId: event.id, offerId: offer.id, userId: user.id };

  if ((request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const bytes = await readCodeFileUpload(request);
    if (bytes === 'too_large')
      return json({ ok: false, formError: t('sponsors.codes.fileTooLarge') }, { status: 413 });
    if (bytes === 'missing')
      return json({ ok: false, formError: t('sponsors.codes.fileMissing') }, { status: 400 });
    if (bytes === 'bad_request')
      return json({ ok: false, formError: t('errors.badRequest') }, { status: 400 });
    const result = await importCodeFile({ ...ids, bytes });
    if (result.ok) return json({ ok: true, added: result.added });
    if (result.reason === 'lines') {
      return json(
        {
          ok: false,
          formError: t('sponsors.codes.fileRejected', {
            bad: result.badLines,
            total: result.totalLines,
          }),
          problems: result.problems,
          badLines: result.badLines,
          totalLines: result.totalLines,
        },
        { status: 400 },
      );
    }
    return json({ ok: false, formError: t(codeFileProblem(result.reason)) }, { status: 400 });
  }

  const form = parseForm(await readFormData(request, t), generateSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await generateCodes({ ...ids, count: form.data.count, prefix: form.data.prefix });
  if (!result.ok)
    return json({ ok: false, formError: t('sponsors.codes.file.pool_full') }, { status: 400 });
  return json({ ok: true, added: result.added });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.codes.title');

function ProblemRow(props: { problem: CodeLineProblem }) {
  const t = useT();
  const { problem } = props;
  const reason =
    problem.reason === 'duplicate'
      ? t('sponsors.codes.line.duplicate', { first: problem.firstLine })
      : t(codeLineProblem(problem.reason));
  return (
    <tr>
      <td className="num">{problem.line}</td>
      <td>{reason}</td>
    </tr>
  );
}

export default function CodePool() {
  const { sponsorId, offer, pool } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const fieldErrors =
    actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : undefined;
  return (
    <>
      <section className="card">
        <p className="muted">
          <Link to={`/sponsor/${sponsorId}/offers/${offer.id}`}>
            ← <ShownText shown={offer.title} />
          </Link>
        </p>
        <h1>{t('sponsors.codes.title')}</h1>
        <p className="lead">{t('sponsors.codes.intro')}</p>
        <PoolSentence pool={pool.shown} />
        {actionData && 'ok' in actionData && actionData.ok ? (
          <p className="alert alert--ok" role="status">
            {t('sponsors.codes.added', { count: actionData.added })}
          </p>
        ) : null}
        {actionData && 'ok' in actionData && !actionData.ok ? (
          <div className="alert alert--error" role="alert">
            <p>{actionData.formError}</p>
            {actionData.problems && actionData.problems.length > 0 ? (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('sponsors.codes.lineNumber')}
                    </th>
                    <th scope="col">{t('sponsors.codes.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {actionData.problems.map((problem) => (
                    <ProblemRow key={`${problem.line}-${problem.reason}`} problem={problem} />
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : null}
        {pool.total > 0 ? (
          <p>
            <Link to={`/sponsor/${sponsorId}/offers/${offer.id}`} className="button button--quiet">
              {t('sponsors.codes.backToOffer')}
            </Link>
          </p>
        ) : null}
      </section>
      <div className="two-col">
        <section className="card">
          <h2>{t('sponsors.codes.generateTitle')}</h2>
          <p className="muted">{t('sponsors.codes.generateIntro')}</p>
          <Form method="post" noValidate>
            <FormField
              name="count"
              type="number"
              min={1}
              max={10000}
              label={t('sponsors.codes.count')}
              defaultValue="100"
              error={fieldErrors?.count}
              required
            />
            <FormField
              name="prefix"
              label={t('sponsors.codes.prefix')}
              hint={t('sponsors.codes.prefixHint')}
              maxLength={8}
              error={fieldErrors?.prefix}
            />
            <button type="submit" className="button">
              {t('sponsors.codes.generate')}
            </button>
          </Form>
        </section>
        <section className="card">
          <h2>{t('sponsors.codes.uploadTitle')}</h2>
          <p className="muted">{t('sponsors.codes.uploadIntro')}</p>
          <Form method="post" encType="multipart/form-data">
            <div className="field">
              <label htmlFor="field-file">{t('sponsors.codes.file')}</label>
              <input
                id="field-file"
                name="file"
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                required
              />
            </div>
            <button type="submit" className="button">
              {t('sponsors.codes.upload')}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
