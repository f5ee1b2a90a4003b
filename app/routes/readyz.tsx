import { RETRY_AFTER_SECONDS } from '~/modules/database/outage-response.server';
import { checkReadiness } from '~/modules/observability/readiness.server';

// Readiness (docs/decisions/096-operations.md): 200 "ready" once this process can serve —
// database answering, every migration of this build applied, stored files reachable — and
// 503 with a short plain reason otherwise. /healthz stays the cheaper "alive and database up".
export async function loader() {
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  const readiness = await checkReadiness();
  if (!readiness.ready) {
    return new Response(readiness.reason, {
      status: 503,
      headers: { ...headers, 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
  return new Response('ready', { headers });
}
