import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// The decoder's WebAssembly is served (and precached) with the app; the library would fetch it from a CDN.
prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? readerWasmUrl : prefix + path),
  },
});

/** The text of the first QR code in a camera frame, or null when there is none. */
export async function decodeQrCode(frame: ImageData): Promise<string | null> {
  const results = await readBarcodes(frame, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 });
  const found = results.find((result) => result.isValid && result.text);
  return found ? found.text : null;
}
