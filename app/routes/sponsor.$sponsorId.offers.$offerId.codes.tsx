import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormError, FormField } from '~/components/form-field';
import { ShownText } from '~/components/sponsor/content-language';
import { PoolSentence } from '~/components/sponsor/pool-sentence';
import { codeFileProblem, codeLineProblem } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  generateCodes,
  importCodeFile,
  poolCounts,
  readCodeFileUpload,
  type CodeLineProblem,
} from '~/modules/sponsors/code-pool.server';
import { generateCodesSchema } from '~/modules/sponsors/code-forms';
import { pickContent } from '~/utils/content-language';
import { getOfferForSponsor } from '~/modules/sponsors/offers.server';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { remainingDisplay } from '~/modules/sponsors/sponsor-stats.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

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

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const offer = await getOfferForSponsor(sponsor.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const ids = { sponsorId: sponsor.id, eventId: event.id, offerId: offer.id, userId: user.id };

  if ((request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const bytes = await readCodeFileUpload(request);
    if (bytes === 'too_large')
      return json(
        { ok: false as const, formError: t('sponsors.codes.fileTooLarge') },
        { status: 413 },
      );
    if (bytes === 'missing')
      return json(
        { ok: false as const, formError: t('sponsors.codes.fileMissing') },
        { status: 400 },
      );
    if (bytes === 'bad_request')
      return json({ ok: false as const, formError: t('errors.badRequest') }, { status: 400 });
    const result = await importCodeFile({ ...ids, bytes });
    if (result.ok) return json({ ok: true as const, added: result.added });
    if (result.reason === 'lines') {
      return json(
        {
          ok: false as const,
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
    return json(
      { ok: false as const, formError: t(codeFileProblem(result.reason)) },
      { status: 400 },
    );
  }

  const submission = await parseSubmission(request, generateCodesSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await generateCodes({ ...ids, ...submission.value });
  if (!result.ok)
    return refuseSubmission(submission, { formError: 'sponsors.codes.file.pool_full' });
  return json({ ok: true as const, added: result.added });
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
  const actionData = useActionData<typeof action>();
  const [form, fields] = useStartlineForm(generateCodesSchema, actionData, {
    defaultValue: { count: '100' },
  });
  const t = useT();
  // The upload's answer (a file-level line, and the bad lines); the generate form's refusal
  // shows on its own fields, and a full pool above them.
  const upload = actionData && 'ok' in actionData ? actionData : undefined;
  const problems: CodeLineProblem[] =
    upload && 'problems' in upload ? (upload.problems as CodeLineProblem[]) : [];
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
        {upload?.ok ? (
          <p className="alert alert--ok" role="status">
            {t('sponsors.codes.added', { count: upload.added })}
          </p>
        ) : null}
        {upload && !upload.ok ? (
          <div className="alert alert--error" role="alert">
            <p>{upload.formError}</p>
            {problems.length > 0 ? (
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
                  {problems.map((problem) => (
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
          <FormError errors={form.errors} />
          <Form method="post" {...getFormProps(form)}>
            <FormField field={fields.count} type="number" label={t('sponsors.codes.count')} />
            <FormField
              field={fields.prefix}
              label={t('sponsors.codes.prefix')}
              hint={t('sponsors.codes.prefixHint')}
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
