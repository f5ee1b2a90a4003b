import { describe, expect, it, vi } from 'vitest';

// The route that throws on purpose (decision 085) must not exist for anyone in production.
vi.mock('~/env.server', () => ({ isProduction: () => true }));
const { loader } = await import('~/routes/dev.error');

describe('/dev/error in production', () => {
  it('answers 404 instead of throwing the message', async () => {
    const request = new Request('http://localhost/dev/error?message=boom');
    const thrown = await Promise.resolve()
      .then(() => loader({ request, params: {}, context: {} as never }))
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
