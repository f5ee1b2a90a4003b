import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from '@remix-run/react';
import { cameraProblem } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';

// BarcodeDetector (Shape Detection API) is not in TypeScript's DOM types yet: just what we use,
// which the polyfill's class (qr-decoder.client.ts) has too.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: ['qr_code'] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<readonly string[]>;
}

/** The browser's own detector, or zxing-cpp as WebAssembly where it has none (decision 097). */
type Reader = 'native' | 'wasm';

const SCAN_INTERVAL_MS = 250;

/** The smallest valid WebAssembly module: the magic number and version 1. */
const EMPTY_WASM_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

type Problem = 'denied' | 'noCamera' | 'busy' | 'blocked' | 'failed';

interface Session {
  stream: MediaStream | null;
  timer: number | null;
  cancelled: boolean;
}

/** The browser's native QR reader, or null where it has none (iOS Safari, Firefox, Linux). */
function nativeDetector(): BarcodeDetectorConstructor | null {
  const Detector = (window as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  return typeof Detector === 'function' ? Detector : null;
}

/**
 * How this browser can read a QR code from its camera, or null where it cannot: no camera API
 * (an insecure origin, an old browser) or neither a native detector nor WebAssembly.
 */
async function availableReader(): Promise<Reader | null> {
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return null;
  const Native = nativeDetector();
  if (Native) {
    const formats = await Native.getSupportedFormats().catch(() => [] as readonly string[]);
    if (formats.includes('qr_code')) return 'native';
  }
  return typeof WebAssembly === 'object' ? 'wasm' : null;
}

/**
 * The detector class for `reader`. The polyfill is fetched only here — its script chunk and its
 * WebAssembly, both from our own origin — so neither other pages nor a till whose clerk types
 * codes ever download it.
 */
async function loadDetector(reader: Reader): Promise<BarcodeDetectorConstructor> {
  const Native = nativeDetector();
  if (reader === 'native' && Native) return Native;
  const { loadQrDecoder } = await import('./qr-decoder.client');
  return loadQrDecoder();
}

/**
 * True when this document's Content-Security-Policy forbids compiling WebAssembly: only the
 * till's own document allows it ('wasm-unsafe-eval', headers.server.ts), so a till reached by a
 * client-side navigation must be reloaded first. Unlike the camera check below, this also
 * works in Safari, the browser the polyfill is for.
 */
function wasmBlockedByPolicy(): boolean {
  try {
    new WebAssembly.Module(EMPTY_WASM_MODULE);
    return false;
  } catch {
    return true;
  }
}

/**
 * True when this document's Permissions-Policy forbids the camera — e.g. the page was reached
 * by a client-side navigation from a document served with `camera=()`. Chromium only.
 */
function cameraBlockedByPolicy(): boolean {
  const policy = (document as { featurePolicy?: { allowsFeature?(feature: string): boolean } })
    .featurePolicy;
  return typeof policy?.allowsFeature === 'function' && !policy.allowsFeature('camera');
}

/** True when this document was loaded at the current address, not reached client-side. */
function documentLoadedHere(): boolean {
  const entry = performance.getEntriesByType('navigation')[0];
  return !entry || new URL(entry.name).pathname === window.location.pathname;
}

function problemOf(error: unknown): Problem {
  const name = typeof error === 'object' && error && 'name' in error ? String(error.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'noCamera';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * Reads a QR code with the device's (rear) camera and hands its text to `onCode`, then turns
 * the camera off. Uses the browser's native BarcodeDetector where it reads QR codes, else the
 * zxing-wasm polyfill (iPhones). Progressive enhancement: renders nothing where the browser has
 * no camera API or no WebAssembly, and the typed field keeps working everywhere. Frames never
 * leave the device.
 */
export function QrCameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const [reader, setReader] = useState<Reader | null>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const session = useRef<Session | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let mounted = true;
    void availableReader()
      .catch(() => null) // a detector that misbehaves: no button, typing still works
      .then((found) => {
        if (mounted) setReader(found);
      });
    return () => {
      mounted = false;
    };
  }, []);

  /** Ends a scan: no more detecting, every camera track stopped. */
  const end = useCallback((target: Session | null) => {
    if (!target) return;
    target.cancelled = true;
    if (target.timer !== null) window.clearInterval(target.timer);
    target.stream?.getTracks().forEach((track) => track.stop());
    if (session.current !== target) return;
    session.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
    setScanning(false);
  }, []);

  // Leaving the page — another route, closing the tab, going back — turns the camera off.
  useEffect(() => {
    const stopNow = () => end(session.current);
    window.addEventListener('pagehide', stopNow);
    return () => {
      window.removeEventListener('pagehide', stopNow);
      stopNow();
    };
  }, [end]);

  async function start() {
    end(session.current);
    setProblem(null);
    const video = videoRef.current;
    if (!reader || !video) return;
    if (cameraBlockedByPolicy()) {
      setProblem('blocked');
      return;
    }
    if (reader === 'wasm' && wasmBlockedByPolicy()) {
      // Loaded as the till, the document has the till's policy: then the browser itself does
      // not know 'wasm-unsafe-eval' (Safari before 16), and reloading would not help.
      setProblem(documentLoadedHere() ? 'failed' : 'blocked');
      return;
    }
    const current: Session = { stream: null, timer: null, cancelled: false };
    session.current = current;
    setScanning(true);
    // The decoder loads while the camera starts and its permission prompt is answered. Its
    // failure is handled where it is awaited; the empty catch only keeps the browser from
    // reporting an unhandled rejection in the meantime.
    const detectorReady = loadDetector(reader);
    detectorReady.catch(() => undefined);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
      current.stream = stream;
      if (current.cancelled) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.srcObject = stream;
      await video.play();
      if (current.cancelled) return;
      const Detector = await detectorReady;
      if (current.cancelled) return;
      const detector = new Detector({ formats: ['qr_code'] });
      let detecting = false;
      current.timer = window.setInterval(() => {
        if (detecting || current.cancelled) return;
        if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
        detecting = true;
        detector
          .detect(video)
          .then(
            (found) => {
              const text = found.map((code) => code.rawValue).find((raw) => raw.trim());
              if (!text || current.cancelled) return;
              end(current);
              onCodeRef.current(text);
            },
            (error: unknown) => {
              if (current.cancelled) return;
              end(current);
              setProblem(problemOf(error));
            },
          )
          .finally(() => {
            detecting = false;
          });
      }, SCAN_INTERVAL_MS);
    } catch (error) {
      if (current.cancelled) return;
      end(current);
      setProblem(problemOf(error));
    }
  }

  if (!reader) return null;
  return (
    <div className="qr-camera">
      {scanning ? (
        <>
          <p className="muted" role="status">
            {t('sponsors.till.camera.hint')}
          </p>
          <button
            type="button"
            className="button button--quiet button--block"
            onClick={() => end(session.current)}
          >
            {t('sponsors.till.camera.stop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--quiet button--block"
          onClick={() => void start()}
        >
          {t('sponsors.till.camera.start')}
        </button>
      )}
      <video ref={videoRef} className="qr-camera__video" hidden={!scanning} muted playsInline />
      {problem ? (
        <p className="alert alert--error" role="alert">
          {t(cameraProblem(problem))}{' '}
          {problem === 'blocked' ? <a href={pathname}>{t('sponsors.till.camera.reload')}</a> : null}
        </p>
      ) : null}
    </div>
  );
}
