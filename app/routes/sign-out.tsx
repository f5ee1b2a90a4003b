import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { endSession } from '~/modules/auth/session.server';

// Signing out is a POST (the header's button). A GET only goes home: it changes nothing.
export async function loader(_args: LoaderFunctionArgs) {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await endSession(request) } });
}
