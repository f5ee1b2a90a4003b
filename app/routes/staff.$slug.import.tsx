import { TableScroll } from '~/components/table-scroll';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { SendProgressPanel } from '~/components/send-progress';
import { StaffNav } from '~/components/staff-nav';
import type { MessageKey } from '~/i18n/messages';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import type { RowProblem } from '~/modules/invitations/entrant-csv.server';
import { getImportSummary, importEntrants } from '~/modules/invitations/entrant-import.server';
import { readEntrantUpload } from '~/modules/invitations/entrant-upload.server';
import { streamProgress } from '~/modules/mail/send-progress.server';

// Owners and editors import; viewers get 403 on the page and on the POST.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor');
  const resultId = new URL(request.url).searchParams.get('result');
  const result = resultId ? await getImportSummary(event.id, resultId) : null;
  if (resultId && !result) throw new Response(null, { status: 404 });
  // The import's invitation wave: the stream whose subject is this import.
  const sending =
    resultId && result ? await streamProgress(event.id, { subjectId: resultId }) : null;
  return json(
    { event, role, result, resultId, sending },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor');
  const t = getTranslator(request);
  const upload = await readEntrantUpload(request, t);
  const result = await importEntrants({ eventId: event.id, actorUserId: user.id, ...upload });
  if (!result.ok) {
    const key = `invitations.file.${result.problem}` as MessageKey;
    const columns = (result.missingColumns ?? [])
      .map((c) => t(`invitations.column.${c}`))
      .join(', ');
    return json({ formError: t(key, { columns }) }, { status: 400 });
  }
  // Post/redirect/get: reloading the result page never uploads the file again.
  return redirect(`/staff/${event.slug}/import?result=${encodeURIComponent(result.importId)}`);
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function ImportEntrants() {
  const { event, role, result, resultId, sending } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string }>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p className="muted">{locale === 'ja' ? event.nameJa : event.nameEn}</p>
      <h1>{t('invitations.import.title')}</h1>
      <StaffNav slug={event.slug} role={role} />
      {result ? <ImportResult fileName={result.fileName} summary={result.summary} /> : null}
      {result &&
      resultId &&
      sending &&
      (sending.streams.length > 0 || result.summary.created > 0) ? (
        <section className="card" aria-labelledby="wave-heading">
          <h2 id="wave-heading">{t('sending.kind.invitation_wave')}</h2>
          <SendProgressPanel
            initial={sending}
            src={`/staff/${event.slug}/sending.json?subject=${encodeURIComponent(resultId)}`}
            awaitStream={result.summary.created > 0}
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">
          {result ? t('invitations.import.another') : t('invitations.import.title')}
        </h2>
        <p>{t('invitations.import.intro')}</p>
        <p className="muted">{t('invitations.import.format')}</p>
        <p className="muted">{t('invitations.import.sending')}</p>
        {actionData?.formError ? (
          <p className="alert alert--error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        {/* Keyed by the result: after an import the file field starts empty again. */}
        <Form
          key={result ? String(result.createdAt) : 'new'}
          method="post"
          encType="multipart/form-data"
          action={`/staff/${event.slug}/import`}
        >
          <div className="field">
            <label htmlFor="entrant-file">{t('invitations.import.file')}</label>
            <input
              id="entrant-file"
              name="file"
              type="file"
              accept=".csv,.txt,.tsv,text/csv"
              required
            />
          </div>
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {t('invitations.import.submit')}
          </button>
        </Form>
      </section>
    </>
  );
}

type Summary = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['result']>['summary'];

function ImportResult(props: { fileName: string; summary: Summary }) {
  const t = useT();
  // An explicit locale: the server's and the browser's defaults differ (hydration mismatch).
  const locale = useLocale();
  const s = props.summary;
  const stats: [MessageKey, number][] = [
    ['invitations.import.result.created', s.created],
    ['invitations.import.result.alreadyInvited', s.alreadyInvited],
    ['invitations.import.result.alreadyMember', s.alreadyMember],
    ['invitations.import.result.suppressed', s.suppressed],
    ['invitations.import.result.rejected', s.rejected],
  ];
  return (
    <section className="card" aria-labelledby="result-heading">
      <h2 id="result-heading">{t('invitations.import.result.title')}</h2>
      <p className="muted">
        {t('invitations.import.result.file', {
          file: props.fileName,
          encoding: t(`invitations.encoding.${s.encoding}`),
          rows: s.dataRecords,
        })}
      </p>
      <ul className="stat-grid">
        {stats.map(([key, n]) => (
          <li key={key} className={key.endsWith('rejected') && n > 0 ? 'stat--warn' : undefined}>
            <strong>{new Intl.NumberFormat(locale).format(n)}</strong>
            <span>{t(key)}</span>
          </li>
        ))}
      </ul>
      {s.ignoredColumns.length > 0 ? (
        <p className="muted">
          {t('invitations.import.result.ignoredColumns', { columns: s.ignoredColumns.join(', ') })}
        </p>
      ) : null}
      {s.rejected === 0 ? (
        <p className="alert alert--ok">{t('invitations.import.result.allImported')}</p>
      ) : (
        <>
          <h3>{t('invitations.import.result.rejectedHeading')}</h3>
          <p className="muted">{t('invitations.import.result.rejectedHelp')}</p>
          <TableScroll>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('invitations.import.result.line')}</th>
                  <th scope="col">{t('invitations.import.result.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {s.rejectedLines.map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>{row.problems.map((p) => describe(t, p)).join(' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {s.rejectedLinesTruncated ? (
            <p className="muted">
              {t('invitations.import.result.truncated', { n: s.rejectedLines.length })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function describe(t: ReturnType<typeof useT>, problem: RowProblem): string {
  const column = 'column' in problem ? t(`invitations.column.${problem.column}`) : '';
  return t(`invitations.reason.${problem.reason}`, {
    column,
    limit: 'limit' in problem ? problem.limit : '',
    firstLine: 'firstLine' in problem ? problem.firstLine : '',
  });
}
