import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { isLocale } from '~/i18n/types';
import { getSessionUser, setUserLocale } from '~/modules/auth/session.server';
import { getTranslator, localeCookie } from '~/modules/i18n/locale.server';
import { readFormData } from '~/utils/form.server';
import { safeRedirectPath } from '~/utils/redirect';

export async function loader(_args: LoaderFunctionArgs) {
  return redirect('/');
}

/** The visible language switch: remembers the choice in a cookie (and for emails, on the account). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request, getTranslator(request));
  const locale = form.get('locale');
  const returnTo = safeRedirectPath(String(form.get('returnTo') ?? '/'));
  if (!isLocale(locale)) return redirect(returnTo);
  const user = await getSessionUser(request);
  if (user) await setUserLocale(user.id, locale);
  return redirect(returnTo, { headers: { 'Set-Cookie': localeCookie(locale) } });
}
