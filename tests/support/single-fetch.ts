/**
 * Decodes a single-fetch answer (`/path.data`, turbo-stream) as the browser's Remix does, with
 * Remix's own types as plain objects: a thrown response as `{ thrown: { status, data } }` and a
 * redirect as `{ redirect: { redirect, status, reload, … } }`.
 */
import { decode } from 'turbo-stream';

export async function decodeSingleFetch(response: Response): Promise<unknown> {
  const { value, done } = await decode(response.body!, {
    plugins: [
      (type: string, ...rest: unknown[]) => {
        if (type === 'ErrorResponse') return { value: { status: rest[1], data: rest[0] } };
        if (type === 'SingleFetchRedirect') return { value: { redirect: rest[0] } };
        return undefined;
      },
    ],
  });
  await done;
  return replaceThrown(value);
}

/** `{ error: <ErrorResponse> }` reads as `{ thrown: … }`, so a test says what it expects. */
function replaceThrown(value: unknown) {
  if (typeof value === 'object' && value !== null && 'error' in value) {
    return { thrown: (value as { error: unknown }).error };
  }
  return value;
}
