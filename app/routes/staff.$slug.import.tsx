import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { SendProgressPanel } from '~/components/send-progress';
import { TableScroll } from '~/components/table-scroll';
import {
  importColumn,
  importEncoding,
  importField,
  importFileProblem,
  importMappingProblem,
  importRowProblem,
} from '~/i18n/key-families';
import type { MessageKey } from '~/i18n/messages';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import {
  ENTRANT_FIELDS,
  type EntrantField,
  type EntrantMapping,
  type RowProblem,
} from '~/modules/invitations/entrant-csv.server';
import { getImportSummary } from '~/modules/invitations/entrant-import.server';
import {
  cancelEntrantUpload,
  confirmEntrantUpload,
  describeEntrantUpload,
  stageEntrantUpload,
} from '~/modules/invitations/entrant-mapping.server';
import { readEntrantUpload } from '~/modules/invitations/entrant-upload.server';
import { streamProgress } from '~/modules/mail/send-progress.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { pageTitle } from '~/utils/page-title';

// The file comes as multipart (step 1); confirming or cancelling its mapping is a small form
// of selects and buttons (nothing typed: its action data is typed, no browser validation).
// Built on first use: the field list comes from a server module, which the browser bundle
// does not have.
const mappingForm = () => {
  const uploadId = z.string().trim().min(1).max(64);
  // A column index, or '' for "not used".
  const column = z
    .string()
    .trim()
    .regex(/^\d{0,4}$/)
    .optional();
  const columns = Object.fromEntries(ENTRANT_FIELDS.map((f) => [f, column])) as Record<
    EntrantField,
    typeof column
  >;
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('confirm'), uploadId, ...columns }),
    z.object({ intent: z.literal('cancel'), uploadId }),
  ]);
};

// Owners and editors import; viewers get 403 on the page and on the POST.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor', context);
  const search = new URL(request.url).searchParams;
  const resultId = search.get('result');
  const result = resultId ? await getImportSummary(event.id, resultId) : null;
  if (resultId && !result) throw new Response(null, { status: 404 });
  // A staged upload of this event only: another event's id is as unknown as a made-up one.
  // A 404 that still shows the upload form, saying the file is gone (imported by another
  // tab, discarded, expired), so the page after a late confirm is not a dead end.
  const stagedId = search.get('upload');
  const upload = stagedId ? await describeEntrantUpload(event.id, stagedId) : null;
  const uploadGone = Boolean(stagedId && !upload);
  // The import's invitation wave: the stream whose subject is this import.
  const sending =
    resultId && result ? await streamProgress(event.id, { subjectId: resultId }) : null;
  return json(
    { event, role, result, resultId, sending, upload, uploadGone },
    { status: uploadGone ? 404 : 200, headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  const importPage = `/staff/${event.slug}/import`;
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();

  if (type === 'multipart/form-data') {
    // Step 1: stage the file. Nothing is imported until its columns are confirmed.
    const file = await readEntrantUpload(request, t);
    const staged = await stageEntrantUpload({
      eventId: event.id,
      uploadedBy: user.id,
      ...file,
    });
    if (!staged.ok) {
      // Translated here, not a reply's key: the message names the missing columns.
      const columns = (staged.missingColumns ?? []).map((c) => t(importColumn(c))).join(', ');
      return json(
        { formError: t(importFileProblem(staged.problem), { columns }) },
        { status: 400 },
      );
    }
    return redirect(`${importPage}?upload=${encodeURIComponent(staged.uploadId)}`);
  }

  const submission = await parseSubmission(request, mappingForm(), t);
  if (submission.status !== 'success') {
    return refuseSubmission(submission, { formError: 'errors.badRequest' });
  }
  const input = submission.value;
  if (input.intent === 'cancel') {
    await cancelEntrantUpload(event.id, input.uploadId);
    return redirect(importPage);
  }

  const mapping: EntrantMapping = {};
  for (const field of ENTRANT_FIELDS) {
    const value = input[field];
    if (value) mapping[field] = Number(value);
  }
  const result = await confirmEntrantUpload({
    eventId: event.id,
    actorUserId: user.id,
    uploadId: input.uploadId,
    mapping,
  });
  if (!result.ok) {
    if ('mappingProblem' in result)
      return refuseSubmission(submission, {
        formError: importMappingProblem(result.mappingProblem),
      });
    // Confirmed already (a double click, a reload): show that import, never a second one.
    if (result.importId)
      return redirect(`${importPage}?result=${encodeURIComponent(result.importId)}`);
    return refuseSubmission(submission, { formError: 'invitations.mapping.error.gone' }, 404);
  }
  // Post/redirect/get: reloading the result page never imports the file again.
  return redirect(`${importPage}?result=${encodeURIComponent(result.importId)}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'invitations.import.title');

export default function ImportEntrants() {
  const { event, result, resultId, sending, upload, uploadGone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const problem =
    (actionData && 'formError' in actionData
      ? actionData.formError
      : errorText(t, lastSubmission(actionData)?.error?.[''] ?? undefined)) ??
    (uploadGone ? t('invitations.mapping.error.gone') : null);
  const formError = problem ? (
    <p className="alert alert--error" role="alert">
      {problem}
    </p>
  ) : null;
  return (
    <>
      <h1>{t('invitations.import.title')}</h1>
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
      {upload ? (
        <MappingForm slug={event.slug} upload={upload} error={formError} />
      ) : (
        <section className="card" aria-labelledby="upload-heading">
          <h2 id="upload-heading">
            {result ? t('invitations.import.another') : t('invitations.import.title')}
          </h2>
          <p>{t('invitations.import.intro')}</p>
          <p className="muted">{t('invitations.import.format')}</p>
          <p className="muted">{t('invitations.import.sending')}</p>
          {formError}
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
      )}
    </>
  );
}

type Upload = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['upload']>;

const REQUIRED_FIELDS: ReadonlySet<EntrantField> = new Set(['email', 'bib']);

function MappingForm(props: { slug: string; upload: Upload; error: React.ReactNode }) {
  const t = useT();
  const navigation = useNavigation();
  const { upload } = props;
  const action = `/staff/${props.slug}/import?upload=${encodeURIComponent(upload.uploadId)}`;
  return (
    <section className="card" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">{t('invitations.mapping.title')}</h2>
      <p className="muted">
        {t('invitations.mapping.file', {
          file: upload.fileName,
          encoding: t(importEncoding(upload.encoding)),
          rows: upload.dataRecords,
        })}
      </p>
      <p>{t('invitations.mapping.intro')}</p>
      {props.error}
      {/* Keyed by the upload: a new file starts from its own preselection. */}
      <Form key={upload.uploadId} method="post" action={action}>
        <input type="hidden" name="uploadId" value={upload.uploadId} />
        <fieldset>
          <legend>{t('invitations.mapping.fieldsHeading')}</legend>
          <p className="muted">{t('invitations.mapping.nameHelp')}</p>
          {upload.fields.map((field) => {
            const label = t(importField(field));
            const chosen = upload.mapping[field];
            return (
              <div className="field" key={field}>
                <label htmlFor={`map-${field}`}>
                  {REQUIRED_FIELDS.has(field)
                    ? t('invitations.mapping.required', { field: label })
                    : label}
                </label>
                <select
                  id={`map-${field}`}
                  name={field}
                  defaultValue={chosen === undefined ? '' : String(chosen)}
                >
                  <option value="">{t('invitations.mapping.notUsed')}</option>
                  {upload.columns.map((c) => (
                    <option key={c.index} value={String(c.index)}>
                      {t('invitations.mapping.columnOption', { n: c.index + 1, header: c.header })}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
        <h3>{t('invitations.mapping.columnsHeading')}</h3>
        <p className="muted">{t('invitations.mapping.columnsHelp')}</p>
        <TableScroll>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('invitations.mapping.column')}</th>
                <th scope="col">{t('invitations.mapping.header')}</th>
                <th scope="col">{t('invitations.mapping.samples')}</th>
              </tr>
            </thead>
            <tbody>
              {upload.columns.map((c) => (
                <tr key={c.index}>
                  <td>{c.index + 1}</td>
                  <td>{c.header}</td>
                  <td>{c.samples.join(' / ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <div className="actions">
          <button
            type="submit"
            name="intent"
            value="confirm"
            className="button"
            disabled={navigation.state === 'submitting'}
          >
            {t('invitations.mapping.confirm')}
          </button>
          <button
            type="submit"
            name="intent"
            value="cancel"
            className="button button--quiet"
            formNoValidate
          >
            {t('invitations.mapping.cancel')}
          </button>
        </div>
      </Form>
    </section>
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
          encoding: t(importEncoding(s.encoding)),
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
                  <th scope="col">{t('invitations.import.result.field')}</th>
                  <th scope="col">{t('invitations.import.result.reason')}</th>
                  <th scope="col">{t('invitations.import.result.value')}</th>
                </tr>
              </thead>
              <tbody>
                {s.rejectedLines.flatMap((row) =>
                  row.problems.map((problem, index) => (
                    <tr key={`${row.line}-${index}`}>
                      <td>{index === 0 ? row.line : ''}</td>
                      <td className="nowrap">
                        {'column' in problem ? t(importColumn(problem.column)) : ''}
                      </td>
                      <td>{describe(t, problem)}</td>
                      <td>{problem.value ?? ''}</td>
                    </tr>
                  )),
                )}
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
  const column = 'column' in problem ? t(importColumn(problem.column)) : '';
  return t(importRowProblem(problem.reason), {
    column,
    limit: 'limit' in problem ? problem.limit : '',
    firstLine: 'firstLine' in problem ? problem.firstLine : '',
    lines: 'otherLines' in problem ? problem.otherLines.join(', ') : '',
  });
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
