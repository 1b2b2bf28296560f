import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const PAPER = 235;
const INK = 20;

/**
 * Writes a one-frame Y4M video of a receipt: a few printed lines and a QR code holding `qrText`.
 * Chromium plays it as the camera with --use-file-for-fake-video-capture.
 */
export function writeReceiptVideo(path: string, qrText: string): void {
  const luma = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  const fill = (x0: number, y0: number, width: number, height: number, value: number) => {
    for (let y = y0; y < y0 + height; y += 1) luma.fill(value, y * WIDTH + x0, y * WIDTH + x0 + width);
  };
  for (const [index, length] of [360, 280, 320, 200].entries()) fill(40, 40 + index * 28, length, 10, 90);

  const qr = QRCode.create(qrText, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.floor(260 / (modules + 8));
  const left = WIDTH - 40 - (modules + 8) * scale;
  const top = HEIGHT - 40 - (modules + 8) * scale;
  for (let row = 0; row < modules; row += 1) {
    for (let column = 0; column < modules; column += 1) {
      if (qr.modules.get(row, column)) fill(left + (column + 4) * scale, top + (row + 4) * scale, scale, scale, INK);
    }
  }
  const chroma = new Uint8Array((WIDTH / 2) * (HEIGHT / 2)).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(path, Buffer.concat([header, luma, chroma, chroma]));
}
