import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

// BarcodeDetector (Shape Detection API) is not in TypeScript's DOM types yet: just what we use.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

const SCAN_INTERVAL_MS = 250;

type Problem = 'denied' | 'noCamera' | 'busy' | 'blocked' | 'failed';

interface Session {
  stream: MediaStream | null;
  timer: number | null;
  cancelled: boolean;
}

/** The browser's native QR reader and camera access, or null where either is missing. */
function nativeDetector(): BarcodeDetectorConstructor | null {
  const Detector = (window as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (typeof Detector !== 'function') return null;
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return null;
  return Detector;
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

function problemOf(error: unknown): Problem {
  const name = typeof error === 'object' && error && 'name' in error ? String(error.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'noCamera';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * Reads a QR code with the device's (rear) camera and hands its text to `onCode`, then turns
 * the camera off. Progressive enhancement: renders nothing where the browser has no native
 * QR detector, and the typed field keeps working everywhere. Frames never leave the device.
 */
export function QrCameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const [supported, setSupported] = useState(false);
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
    const Detector = nativeDetector();
    if (!Detector) return;
    Detector.getSupportedFormats().then(
      (formats) => {
        if (mounted && formats.includes('qr_code')) setSupported(true);
      },
      () => undefined, // no detector after all: the button stays hidden
    );
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
    const Detector = nativeDetector();
    const video = videoRef.current;
    if (!Detector || !video) return;
    if (cameraBlockedByPolicy()) {
      setProblem('blocked');
      return;
    }
    const current: Session = { stream: null, timer: null, cancelled: false };
    session.current = current;
    setScanning(true);
    try {
      const detector = new Detector({ formats: ['qr_code'] });
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

  if (!supported) return null;
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
          {t(`sponsors.till.camera.problem.${problem}`)}{' '}
          {problem === 'blocked' ? <a href={pathname}>{t('sponsors.till.camera.reload')}</a> : null}
        </p>
      ) : null}
    </div>
  );
}
