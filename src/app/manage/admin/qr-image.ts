/** The server's QR is an SVG document; shown as an image, so nothing in it can run as page markup. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
