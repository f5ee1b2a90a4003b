/**
 * The QR reader for browsers without a native BarcodeDetector (iOS Safari, Firefox, Chromium on
 * Linux and Windows): the `barcode-detector` ponyfill, zxing-cpp compiled to WebAssembly
 * (decision 097). Only the till's camera scanner loads this module, with import(), so it is a
 * chunk of its own that no page downloads until a clerk presses "scan" where the browser has no
 * reader of its own. `.client`: the server build gets an empty module instead.
 */
import {
  BarcodeDetector,
  prepareZXingModule,
  purgeZXingModule,
  setZXingModuleOverrides,
} from 'barcode-detector/ponyfill';
// Vite copies the file to build/client/assets/ under a content hash and hands us
// its URL, so the WebAssembly comes from our own origin (served as application/wasm, cached for
// a year) and not from the CDN the package would otherwise fetch it from. zxing-wasm is pinned in
// package.json to the version barcode-detector was built against (ZXING_WASM_VERSION); a unit
// test checks that this file is the one the bundled glue code expects.
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** Emscripten asks where each file is; ours is the one bundled asset. */
const overrides = {
  locateFile: (path: string, prefix: string) =>
    path.endsWith('.wasm') ? readerWasmUrl : prefix + path,
};

// Set as soon as the chunk runs, so that nothing in it can reach for the CDN default.
setZXingModuleOverrides(overrides);

/**
 * The polyfill's BarcodeDetector, once its WebAssembly is compiled and running: a failure to
 * fetch or compile shows up here, when the scan starts, rather than as a failed detect() later.
 */
export async function loadQrDecoder(): Promise<typeof BarcodeDetector> {
  try {
    await prepareZXingModule({ overrides, fireImmediately: true });
  } catch (error) {
    // The package keeps the failed instance for these overrides; drop it so a retry fetches
    // again, and set our location again (dropping it restores the CDN default).
    purgeZXingModule();
    setZXingModuleOverrides(overrides);
    throw error;
  }
  return BarcodeDetector;
}
