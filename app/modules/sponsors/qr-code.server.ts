import QRCode from 'qrcode';

/**
 * The member's code as an SVG QR code, rendered on the server (no script, no third-party
 * request). It encodes the code alone, which is all the till needs — nothing about the member.
 */
export async function qrCodeSvg(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
}
