/** Byte helpers shared by the protocol modules: strict base64, comparison, hashing to ids. */

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 (with padding). btoa exists in browsers, workers and Node >= 16. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/**
 * Decodes standard padded base64, rejecting anything else (atob alone accepts whitespace and
 * missing padding, which would let a mistyped key through with the wrong length).
 * `expectedLength` turns a wrong-length value into a clear error naming `what`.
 */
export function fromBase64(text: string, what = 'value', expectedLength?: number): Uint8Array {
  const trimmed = text.trim();
  if (!BASE64_RE.test(trimmed)) throw new RangeError(`${what} is not valid base64`);
  const binary = atob(trimmed);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new RangeError(`${what} must be ${expectedLength} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Constant-length comparison (not constant-time; nothing secret is compared with it). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A compact string key for Maps (one char per byte; cheaper than hex or base64). */
export function bytesKey(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  let s = '';
  for (let i = offset; i < offset + length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
