import qrcode from 'qrcode-generator';

/**
 * The dark modules of a QR code for `text`, as an SVG path (one unit per module), drawn on the
 * kiosk itself: no image service, so a pushed address never leaves the call.
 * Error correction M: readable from a phone at arm's length even with glare on the screen.
 */
export function qrPath(text: string): { size: number; path: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size, path: parts.join('') };
}
