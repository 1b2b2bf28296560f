import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeQrCode } from './qr-decoder.ts';

const SCAN_INTERVAL_MS = 250;

type ScannerState = 'starting' | 'scanning' | 'no-camera' | 'denied';

/** Reads the receipt's QR code with the tablet's camera; loaded (with its decoder) only when opened. */
export function QrScanner({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScannerState>('starting');

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    // One frame at a time: the first decode also compiles the decoder, which takes seconds on a slow
    // tablet, and ticks meanwhile would pile frames up behind it.
    let decoding = false;
    const scan = async () => {
      const element = video.current;
      if (stopped || decoding || !element || element.videoWidth === 0) return;
      canvas.width = element.videoWidth;
      canvas.height = element.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return;
      context.drawImage(element, 0, 0);
      decoding = true;
      const text = await decodeQrCode(context.getImageData(0, 0, canvas.width, canvas.height))
        .catch(() => null)
        .finally(() => (decoding = false));
      if (text && !stopped) {
        stopped = true;
        onCode(text);
      }
    };
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState('no-camera');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (error) {
        setState(error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'no-camera');
        return;
      }
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setState('scanning');
      timer = window.setInterval(() => void scan(), SCAN_INTERVAL_MS);
    };
    void start();
    return () => {
      stopped = true;
      window.clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCode]);

  return (
    <div className="dialog-backdrop">
      <div className="dialog scanner" role="dialog" aria-modal="true" aria-labelledby="scanner-title">
        <h2 id="scanner-title">{t('dossier.scanTitle')}</h2>
        <video ref={video} className="scanner__video" muted playsInline aria-hidden="true" />
        <p role="status">{t(`dossier.scanner.${state}`)}</p>
        <button type="button" className="button" onClick={onClose}>
          {t('dossier.scanClose')}
        </button>
      </div>
    </div>
  );
}
