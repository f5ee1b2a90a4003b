import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request CSP nonce for inline scripts. */
    cspNonce: string;
    /** The client's IP (behind TRUST_PROXY: from X-Forwarded-For), for rate limits only. */
    clientIp: string;
    /**
     * Set by handleError (entry.server.tsx) when a loader or action failed because the
     * database was unreachable, so that server.ts answers 503 instead of Remix's 500.
     */
    databaseUnavailable?: boolean;
  }
}

export {};
