import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request CSP nonce for inline scripts. */
    cspNonce: string;
    /** The client's IP (behind TRUST_PROXY: from X-Forwarded-For), for rate limits only. */
    clientIp: string;
    /** Sent as `X-Request-Id` and written on every log line of the request (decision 085). */
    requestId: string;
    /**
     * Set by handleError (entry.server.tsx) when a loader or action failed because the
     * database was unreachable, so that server.ts answers 503 instead of Remix's 500.
     */
    databaseUnavailable?: boolean;
    /**
     * Set by handleError when PostgreSQL refused a value's bytes (a NUL, a bad escape) that got
     * past the input guard, so that server.ts answers 400 instead of Remix's 500 (decision 081).
     */
    badInput?: boolean;
  }
}

export {};
