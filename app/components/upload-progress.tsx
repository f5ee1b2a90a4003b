import { useNavigate } from '@remix-run/react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '~/i18n/use-t';
import { decode } from 'turbo-stream';

/** What an upload action answers with when it refuses (the route's action data). */
export interface UploadActionData {
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; percent: number }
  | { phase: 'processing' }
  | { phase: 'done' };

/**
 * Sends a multipart upload form with XMLHttpRequest, which (unlike fetch) reports upload
 * progress: a 2 GB video takes minutes, and without a bar the page looks frozen. This is an
 * enhancement only: without JavaScript the form posts as usual and the action's answer (a
 * redirect, or the page with its errors) arrives the ordinary way.
 *
 * The request is the one Remix itself makes for a form (single fetch, `POST /path.data`), and
 * its answer is decoded as Remix decodes it (turbo-stream): `{ redirect }` after a success,
 * `{ data }` with the action's refusal, `{ error }` for a refusal thrown before the action (the
 * input guard's 400, the database outage's 503).
 */
export function useProgressUpload() {
  const navigate = useNavigate();
  const t = useT();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [result, setResult] = useState<UploadActionData | undefined>(undefined);
  const request = useRef<XMLHttpRequest | null>(null);

  const uploading = state.phase === 'sending' || state.phase === 'processing';
  // Leaving the page would drop the upload: the browser asks first.
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);
  useEffect(() => () => request.current?.abort(), []);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      if (typeof XMLHttpRequest === 'undefined') return;
      event.preventDefault();
      if (request.current) return;
      const form = event.currentTarget;
      const url = new URL(form.action, window.location.href);
      url.pathname = `${url.pathname.replace(/\/$/, '')}.data`;
      const xhr = new XMLHttpRequest();
      xhr.responseType = 'arraybuffer';
      request.current = xhr;
      const fail = (data: UploadActionData) => {
        request.current = null;
        setResult(data);
        setState({ phase: 'idle' });
      };
      xhr.upload.addEventListener('progress', (progress) => {
        if (!progress.lengthComputable) return;
        const percent = Math.min(100, Math.floor((progress.loaded / progress.total) * 100));
        // Every byte is sent: the server still checks and stores the end of the file.
        setState(percent >= 100 ? { phase: 'processing' } : { phase: 'sending', percent });
      });
      xhr.addEventListener('load', () => {
        void decodeActionAnswer(xhr.response as ArrayBuffer).then((answer) => {
          if (answer.redirect) {
            request.current = null;
            setState({ phase: 'done' });
            navigate(answer.redirect);
            return;
          }
          let data = answer.data ?? {};
          if (!data.formError && !data.fieldErrors) data = {};
          const hasFieldErrors = Object.keys(data.fieldErrors ?? {}).length > 0;
          fail(
            data.formError || hasFieldErrors
              ? data
              : { formError: t(xhr.status >= 500 ? 'video.upload.failed' : 'errors.badRequest') },
          );
        });
      });
      xhr.addEventListener('error', () => fail({ formError: t('video.upload.interrupted') }));
      xhr.addEventListener('abort', () => fail({ formError: t('video.upload.cancelled') }));
      setResult(undefined);
      setState({ phase: 'sending', percent: 0 });
      xhr.open('POST', url.toString());
      xhr.send(new FormData(form));
    },
    [navigate, t],
  );

  const cancel = useCallback(() => request.current?.abort(), []);
  return { onSubmit, cancel, state, uploading, result };
}

/** An action's single-fetch answer: where it redirects, or the data it refused with. */
async function decodeActionAnswer(
  body: ArrayBuffer | null,
): Promise<{ redirect?: string; data?: UploadActionData }> {
  try {
    const { value } = await decode(new Blob([body ?? new ArrayBuffer(0)]).stream(), {
      plugins: [
        // A response thrown before the action (Remix's ErrorResponse): its data is the refusal.
        (type: string, ...rest: unknown[]) =>
          type === 'ErrorResponse' || type === 'SanitizedError'
            ? { value: { data: type === 'ErrorResponse' ? rest[0] : undefined } }
            : undefined,
      ],
    });
    const answer = (value ?? {}) as {
      redirect?: string;
      data?: UploadActionData;
      error?: { data?: UploadActionData };
    };
    if (typeof answer.redirect === 'string') return { redirect: answer.redirect };
    return { data: answer.data ?? answer.error?.data };
  } catch {
    // Not Remix's answer (a proxy's error page): the generic message.
    return {};
  }
}

/** The bar, with its percentage in words for everyone and a label for screen readers. */
export function UploadProgress(props: { state: UploadState; onCancel: () => void }) {
  const t = useT();
  const id = useId();
  const { state } = props;
  if (state.phase === 'idle') return null;
  const percent = state.phase === 'sending' ? state.percent : 100;
  const label =
    state.phase === 'sending'
      ? t('video.upload.progress', { percent })
      : t('video.upload.processing');
  return (
    <div className="upload-progress" data-testid="upload-progress">
      <label htmlFor={`${id}-bar`} id={`${id}-label`} className="upload-progress__label">
        {label}
      </label>
      <progress
        id={`${id}-bar`}
        className="upload-progress__bar"
        max={100}
        value={percent}
        aria-labelledby={`${id}-label`}
      >
        {percent}%
      </progress>
      {/* Announced at milestones only: a screen reader should not read out every percent. */}
      <p className="visually-hidden" role="status">
        {state.phase === 'sending'
          ? t('video.upload.progress', { percent: Math.floor(percent / 25) * 25 })
          : label}
      </p>
      {state.phase === 'sending' ? (
        <button type="button" className="button button--quiet" onClick={props.onCancel}>
          {t('video.upload.cancelUpload')}
        </button>
      ) : null}
    </div>
  );
}
