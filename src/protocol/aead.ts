/**
 * AES-128-GCM for one report: 16-byte key, 16-byte IV (GHASH-derived J0), no associated data,
 * 16-byte tag appended. Two interchangeable backends, both audited libraries:
 *
 * - 'native': Node's OpenSSL (node:crypto createCipheriv), ~5 us per report. Reached through
 *   process.getBuiltinModule (Node >= 20.16), not an import, so bundlers and browsers never
 *   see node:crypto.
 * - 'noble': @noble/ciphers' gcm, ~45 us per report (key schedule and two GHASH tables are set
 *   up for every new key, which dominates a 10-byte message). Used wherever node:crypto is
 *   absent (browsers, Web Workers).
 *
 * WebCrypto's AES-GCM was measured and rejected: in Node 20 it is slower than noble for a
 * 10-byte message (~60 us wall, ~75 us CPU per report even with Promise.all over 5,000), and it
 * would make the batch API async. Tests check both backends against each other and OpenSSL.
 */
import { gcm } from '@noble/ciphers/aes.js';

export type AeadBackend = 'native' | 'noble';

const TAG_BYTES = 16;

type NodeCrypto = typeof import('node:crypto');

function loadNodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return typeof mod?.createCipheriv === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

const nodeCrypto = loadNodeCrypto();

/** Which backends this runtime offers ('native' only where node:crypto is available). */
export const availableAeadBackends: readonly AeadBackend[] = nodeCrypto ? ['native', 'noble'] : ['noble'];

let backend: AeadBackend = nodeCrypto ? 'native' : 'noble';

/** The backend reports are sealed and opened with (default: 'native' when available). */
export function aeadBackend(): AeadBackend {
  return backend;
}

/** Selects the backend (tests and benches); throws for 'native' where node:crypto is absent. */
export function setAeadBackend(which: AeadBackend): void {
  if (which === 'native' && !nodeCrypto) throw new Error('the native AES-GCM backend needs node:crypto (Node >= 20.16)');
  backend = which;
}

/** AES-128-GCM encrypt: writes ciphertext (plaintext.length) then tag (16) at out[offset..]. */
export function aesGcmSealInto(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, out: Uint8Array, offset: number): void {
  if (backend === 'native') {
    const cipher = nodeCrypto!.createCipheriv('aes-128-gcm', key, iv);
    const ct = cipher.update(plaintext);
    cipher.final(); // GCM is a stream mode: final() emits nothing, it computes the tag
    out.set(ct, offset);
    out.set(cipher.getAuthTag(), offset + plaintext.length);
    return;
  }
  out.set(gcm(key, iv).encrypt(plaintext), offset);
}

/**
 * AES-128-GCM decrypt of ciphertext || tag (16). Returns the plaintext, or undefined when the
 * tag does not verify (wrong key, or altered ciphertext / tag / key material).
 */
export function aesGcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
  const ctLength = sealed.length - TAG_BYTES;
  if (ctLength < 0) return undefined;
  if (backend === 'native') {
    try {
      const decipher = nodeCrypto!.createDecipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(sealed.subarray(ctLength));
      const plain = decipher.update(sealed.subarray(0, ctLength));
      decipher.final(); // throws when the tag does not verify
      return plain;
    } catch {
      return undefined;
    }
  }
  try {
    return gcm(key, iv).decrypt(sealed);
  } catch {
    return undefined;
  }
}
