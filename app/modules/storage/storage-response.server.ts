import { json } from '@remix-run/node';
import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import { isStorageUnavailable } from './object-storage';

/** A store outage (a bucket's network blip, a 5xx) is usually over in seconds. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * The answer for a stored file (video, poster, attachment, offer image) while the store is
 * unreachable: 503 with Retry-After and one short sentence in the visitor's language, never a
 * 500 or a stack. The failure itself was counted and logged once by the storage.
 */
export function storageUnavailableResponse(request: Request): Response {
  const t = translator(getLocale(request));
  return new Response(t('video.media.unavailable'), {
    status: 503,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS),
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Runs a file answer, turning a store outage into the 503 above; anything else is rethrown. */
export async function answeringStorageOutage(
  request: Request,
  answer: () => Promise<Response>,
): Promise<Response> {
  try {
    return await answer();
  } catch (error) {
    if (isStorageUnavailable(error)) return storageUnavailableResponse(request);
    throw error;
  }
}

/**
 * For a form that stores a file (an offer's image): a store outage answers 503 with the form's
 * own error line, so the page stays the form instead of an error page or a 500.
 */
export async function savingThroughStorageOutage<T>(
  request: Request,
  save: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await save() };
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    const t = translator(getLocale(request));
    return {
      ok: false,
      response: json(
        { formError: t('storage.saveUnavailable') },
        {
          status: 503,
          headers: {
            'Cache-Control': 'no-store',
            'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS),
          },
        },
      ),
    };
  }
}
