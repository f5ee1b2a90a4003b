import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { FormError, TextAreaField } from '~/components/form-field';
import { useLocale, useT } from '~/i18n/use-t';
import { reviewFormSchema } from '~/modules/sponsors/offer-form';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { ReviewStatusBadge, type ReviewBadgeStatus } from './review-status';

/**
 * The owner's view of an offer or notice under review: the way back to the queue, then a card
 * with what it is, whose, which version and its state, above the sponsor's copy (`children`).
 */
export function ReviewedItem(props: {
  slug: string;
  title: string;
  item: {
    status: ReviewBadgeStatus;
    sponsorNameJa: string;
    sponsorNameEn: string;
    version: number;
  };
  children: ReactNode;
}) {
  const t = useT();
  const ja = useLocale() === 'ja';
  const { item } = props;
  return (
    <>
      <p className="muted">
        <Link to={`/staff/${props.slug}/sponsors`}>← {t('sponsors.staff.title')}</Link>
      </p>
      <section className="card">
        <div className="card__head">
          <h1>{props.title}</h1>
          <ReviewStatusBadge status={item.status} />
        </div>
        <p className="muted">
          {ja ? item.sponsorNameJa : item.sponsorNameEn} ·{' '}
          {t('sponsors.review.version', { n: item.version })}
        </p>
        {props.children}
      </section>
    </>
  );
}

/**
 * Approve or reject, with a comment to the sponsor; the version pins what was reviewed.
 * `actionData` is the review action's answer (`useActionData<typeof action>()`): a refusal
 * from refuseSubmission brings back the comment and the errors. The browser checks the same
 * schema (a rejection needs a comment) before anything is sent.
 */
export function ReviewForm(props: { version: number; actionData: unknown }) {
  const t = useT();
  const [form, fields] = useStartlineForm(reviewFormSchema, props.actionData);
  return (
    <section className="card">
      <h2>{t('sponsors.review.decide')}</h2>
      <p className="muted">{t('sponsors.review.decideIntro')}</p>
      <FormError errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="version" value={props.version} />
        <TextAreaField
          field={fields.comment}
          label={t('sponsors.review.comment')}
          hint={t('sponsors.review.commentHint')}
          rows={3}
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
