/**
 * `modeled` crypto mode: reports with the real size (88 bytes) and header, stored and queried
 * exactly like real ones, but with no cryptographic maths, for simulations where the crypto
 * cost is not the subject. Layout:
 *
 *   timestamp (4) | confidence (1) | 00 "CROWDFIND-MODELED-NOT-ENCRYPTED" 00.. (57)
 *   | plaintext in clear (10) | zero tag (16)
 *
 * Byte 5 is 0x00 where a real report has 0x04 (SEC1 uncompressed prefix), so a modeled report
 * can never parse as a real one; the ASCII marker makes it obvious in any dump.
 */
import { ReportFormatError } from './errors.ts';
import { PLAINTEXT_BYTES } from './location.ts';

/** 'real': every report really encrypted/decrypted. 'modeled': same bytes and flow, no crypto. */
export type CryptoMode = 'real' | 'modeled';

const MARKER = new TextEncoder().encode('CROWDFIND-MODELED-NOT-ENCRYPTED');
const EPHEMERAL_OFFSET = 5;
const CIPHERTEXT_OFFSET = 62;

export function isModeledReport(report: Uint8Array, offset = 0): boolean {
  if (report[offset + EPHEMERAL_OFFSET] !== 0x00) return false;
  for (let i = 0; i < MARKER.length; i++) if (report[offset + EPHEMERAL_OFFSET + 1 + i] !== MARKER[i]) return false;
  return true;
}

/** Writes bytes 5..87 of a modeled report (header written by the caller). */
export function sealModeledInto(plaintext: Uint8Array, pOff: number, out: Uint8Array, offset: number): void {
  out.fill(0, offset + EPHEMERAL_OFFSET, offset + 88);
  out.set(MARKER, offset + EPHEMERAL_OFFSET + 1);
  out.set(plaintext.subarray(pOff, pOff + PLAINTEXT_BYTES), offset + CIPHERTEXT_OFFSET);
}

/** Reads the clear plaintext of a modeled report; refuses real ones. */
export function openModeledInto(report: Uint8Array, offset: number, plaintextOut: Uint8Array, pOff: number): void {
  if (report.length - offset < 88) throw new ReportFormatError(`report must be 88 bytes, got ${report.length - offset}`);
  if (!isModeledReport(report, offset)) throw new ReportFormatError('not a modeled report (modeled mode cannot decrypt real reports)');
  plaintextOut.set(report.subarray(offset + CIPHERTEXT_OFFSET, offset + CIPHERTEXT_OFFSET + PLAINTEXT_BYTES), pOff);
}
