/**
 * The till's QR polyfill (decision 097): the WebAssembly file we serve is the one the bundled
 * glue code was built for, and only the till's document may compile WebAssembly.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from 'barcode-detector/ponyfill';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '~/modules/security/headers.server';

const require = createRequire(import.meta.url);

function scriptSrc(policy: string): string {
  return policy.split('; ').find((directive) => directive.startsWith('script-src ')) ?? '';
}

describe('the self-hosted zxing WebAssembly', () => {
  it('is the build barcode-detector expects (upgrade both packages together)', () => {
    // qr-decoder.client.ts imports this file by its package path; barcode-detector bundles the
    // JavaScript side of zxing-wasm and would fail on any other build of the .wasm.
    const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const sha256 = createHash('sha256').update(readFileSync(wasmPath)).digest('hex');
    expect(sha256).toBe(ZXING_WASM_SHA256);
    // dist/reader/zxing_reader.wasm → the package's own package.json (not in its exports map).
    const packageJson = path.join(path.dirname(wasmPath), '..', '..', 'package.json');
    const installed = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
    expect(installed.version).toBe(ZXING_WASM_VERSION);
  });
});

describe("the till's Content-Security-Policy", () => {
  it("allows compiling WebAssembly ('wasm-unsafe-eval') on the till only, never eval()", () => {
    for (const path of ['/sponsor/AbCdEfGhIjKlMnOpQrSt_-/till', '/sponsor/abc/till/']) {
      const script = scriptSrc(contentSecurityPolicy('n0nce', path));
      expect(script, path).toBe(`script-src 'self' 'nonce-n0nce' 'wasm-unsafe-eval'`);
      const headers = securityHeaders({ nonce: 'n0nce', production: true, pathname: path });
      expect(scriptSrc(headers['Content-Security-Policy']), path).toBe(script);
    }
    for (const path of [
      '/',
      '/sponsor',
      '/sponsor/abc',
      '/sponsor/abc/stats',
      '/sponsor/abc/till/extra',
      '/sponsor/abc/tills',
      '/e/sakura-city-2027/till',
      '/e/sakura-city-2027/offers/abc',
      '/build/_assets/zxing_reader-ABC.wasm',
    ]) {
      const policy = contentSecurityPolicy('n0nce', path);
      expect(scriptSrc(policy), path).toBe(`script-src 'self' 'nonce-n0nce'`);
      expect(policy, path).not.toContain('eval');
    }
  });
});
