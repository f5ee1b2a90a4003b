import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request CSP nonce for inline scripts. */
    cspNonce: string;
    /** The client's IP (behind TRUST_PROXY: from X-Forwarded-For), for rate limits only. */
    clientIp: string;
  }
}

export {};
