import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useCallback, useRef } from 'react';
import { FormError, FormField } from '~/components/form-field';
import { QrCameraScanner } from '~/components/qr-camera-scanner';
import { LocalizedText } from '~/components/sponsor/content-language';
import { tillStatus } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { formatDateTime } from '~/modules/sponsors/offer-dates';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { tillSchema } from '~/modules/sponsors/till-form.server';
import { checkCode, redeemCode, tillRateLimitOk } from '~/modules/sponsors/till.server';
import { useConstraintForm } from '~/utils/constraint-forms';
import { formConstraints, parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSponsor(request, params.sponsorId);
  return json({ constraint: formConstraints(tillSchema) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, tillSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  if (!(await tillRateLimitOk(user.id, context.clientIp))) {
    return refuseSubmission(submission, { formError: 'sponsors.till.rateLimited' }, 429);
  }
  const { code, intent } = submission.value;
  if (intent === 'check') {
    const answer = await checkCode(sponsor.id, event.id, code);
    // A check always answers 200: the code's state is the answer, not an error of the request.
    return json({ code, answer, redeemed: false });
  }
  const result = await redeemCode(sponsor.id, event.id, code);
  const { redeemed, ...answer } = result;
  // Redeemed: the code field is emptied for the next customer's code.
  const reset = redeemed ? { submission: submission.reply({ resetForm: true }) } : {};
  return json({ code, answer, redeemed, ...reset }, { status: redeemed ? 200 : 409 });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.till.title');

export default function Till() {
  const t = useT();
  const locale = useLocale();
  const { constraint } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useConstraintForm(data, { constraint });
  const result = data && 'answer' in data ? data : null;
  const answer = result?.answer;
  const tone = result?.redeemed || answer?.status === 'valid' ? 'ok' : 'error';
  const checkForm = useRef<HTMLFormElement>(null);
  const checkScanned = useCallback((text: string) => {
    const element = checkForm.current;
    const field = element?.elements.namedItem('code');
    if (!element || !(field instanceof HTMLInputElement)) return;
    field.value = text;
    element.requestSubmit(element.querySelector<HTMLButtonElement>('button[value="check"]'));
  }, []);
  return (
    <section className="card narrow till">
      <h1>{t('sponsors.till.title')}</h1>
      <p className="lead">{t('sponsors.till.intro')}</p>
      <Form method="post" {...getFormProps(form)} ref={checkForm}>
        <FormField
          field={fields.code}
          label={t('sponsors.till.code')}
          className="code-input"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
        />
        <button type="submit" name="intent" value="check" className="button button--block">
          {t('sponsors.till.check')}
        </button>
      </Form>
      <QrCameraScanner onCode={checkScanned} />
      <FormError errors={form.errors} />
      {result && answer ? (
        <div
          className={`till-result alert alert--${tone}`}
          role={tone === 'ok' ? 'status' : 'alert'}
        >
          <p className="till-result__code">{result.code}</p>
          <p className="till-result__status">
            {result.redeemed ? t('sponsors.till.redeemedNow') : t(tillStatus(answer.status))}
          </p>
          {answer.offer ? (
            <p>
              <LocalizedText ja={answer.offer.titleJa} en={answer.offer.titleEn} mark={false} /> —{' '}
              <strong>
                <LocalizedText ja={answer.offer.discountJa} en={answer.offer.discountEn} />
              </strong>
            </p>
          ) : null}
          {answer.status === 'redeemed' && answer.redeemedAt && !result.redeemed ? (
            <p className="muted">
              {t('sponsors.till.redeemedAt', { when: formatDateTime(answer.redeemedAt, locale) })}
            </p>
          ) : null}
          {answer.status === 'valid' && !result.redeemed ? (
            <Form method="post">
              <input type="hidden" name="code" value={result.code} />
              <button type="submit" name="intent" value="redeem" className="button button--block">
                {t('sponsors.till.redeem')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <p className="muted">{t('sponsors.till.privacy')}</p>
    </section>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
