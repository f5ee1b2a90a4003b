import { Form } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { TextAreaField } from '~/components/form-field';

/** Approve or reject, with a comment to the sponsor; the version pins what was reviewed. */
export function ReviewForm(props: {
  version: number;
  actionData?: {
    formError?: string;
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
  };
}) {
  const t = useT();
  const { actionData } = props;
  return (
    <section className="card">
      <h2>{t('sponsors.review.decide')}</h2>
      <p className="muted">{t('sponsors.review.decideIntro')}</p>
      {actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="version" value={props.version} />
        <TextAreaField
          name="comment"
          label={t('sponsors.review.comment')}
          hint={t('sponsors.review.commentHint')}
          rows={3}
          maxLength={1000}
          defaultValue={actionData?.values?.comment}
          error={actionData?.fieldErrors?.comment}
        />
        <div className="actions">
          <button type="submit" name="decision" value="approve" className="button">
            {t('sponsors.review.approve')}
          </button>
          <button type="submit" name="decision" value="reject" className="button button--quiet">
            {t('sponsors.review.reject')}
          </button>
        </div>
      </Form>
    </section>
  );
}
