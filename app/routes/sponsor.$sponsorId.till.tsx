import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useCallback, useRef } from 'react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { QrCameraScanner } from '~/components/qr-camera-scanner';
import { LocalizedText } from '~/components/sponsor/content-language';
import { tillStatus } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { CODE_MAX_LENGTH, normalizeCode } from '~/modules/sponsors/code-pool.server';
import { formatDateTime } from '~/modules/sponsors/offer-dates';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import {
  checkCode,
  redeemCode,
  tillRateLimitOk,
  type TillAnswer,
} from '~/modules/sponsors/till.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { pageTitle } from '~/utils/page-title';

// A hand scanner types the QR code's content and presses Enter, so "scan" is the same field;
// the phone camera (QrCameraScanner) fills in the same field and submits the same "check".
const tillSchema = z.object({
  code: z
    .string({ error: 'form.required' })
    .transform((v) => normalizeCode(v).replace(/\s+/g, ''))
    .pipe(z.string().min(1, 'form.required').max(CODE_MAX_LENGTH, 'sponsors.till.codeTooLong')),
  intent: z.enum(['check', 'redeem']).default('check'),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSponsor(request, params.sponsorId);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), tillSchema, t);
  if (!form.ok) return formErrorResponse(form);
  if (!(await tillRateLimitOk(user.id, context.clientIp))) {
    return json({ formError: t('sponsors.till.rateLimited') }, { status: 429 });
  }
  const { code, intent } = form.data;
  if (intent === 'check') {
    const answer = await checkCode(sponsor.id, event.id, code);
    // A check always answers 200: the code's state is the answer, not an error of the request.
    return json({ code, answer, redeemed: false });
  }
  const result = await redeemCode(sponsor.id, event.id, code);
  const { redeemed, ...answer } = result;
  return json({ code, answer, redeemed }, { status: redeemed ? 200 : 409 });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.till.title');

type ActionData =
  | { code: string; answer: TillAnswer; redeemed: boolean }
  | { formError: string }
  | { fieldErrors: Record<string, string> };

export default function Till() {
  const t = useT();
  const locale = useLocale();
  const data = useActionData<ActionData>();
  const result = data && 'answer' in data ? data : null;
  const answer = result?.answer;
  const tone = result?.redeemed || answer?.status === 'valid' ? 'ok' : 'error';
  const checkForm = useRef<HTMLFormElement>(null);
  const checkScanned = useCallback((text: string) => {
    const form = checkForm.current;
    const field = form?.elements.namedItem('code');
    if (!form || !(field instanceof HTMLInputElement)) return;
    field.value = text;
    form.requestSubmit(form.querySelector<HTMLButtonElement>('button[value="check"]'));
  }, []);
  return (
    <section className="card narrow till">
      <h1>{t('sponsors.till.title')}</h1>
      <p className="lead">{t('sponsors.till.intro')}</p>
      <Form method="post" noValidate ref={checkForm}>
        <FormField
          name="code"
          label={t('sponsors.till.code')}
          className="code-input"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          required
          defaultValue={result && !result.redeemed ? result.code : ''}
          error={data && 'fieldErrors' in data ? data.fieldErrors.code : undefined}
        />
        <button type="submit" name="intent" value="check" className="button button--block">
          {t('sponsors.till.check')}
        </button>
      </Form>
      <QrCameraScanner onCode={checkScanned} />
      {data && 'formError' in data ? (
        <p className="alert alert--error" role="alert">
          {data.formError}
        </p>
      ) : null}
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
