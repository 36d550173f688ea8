/** Errors a report can raise. Owners count ReportAuthError and drop the report. */

/** The report is not shaped like a report (wrong length, bad ephemeral key, wrong mode). */
export class ReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFormatError';
  }
}

/** AES-GCM authentication failed: wrong key, or ciphertext / tag / ephemeral key altered. */
export class ReportAuthError extends Error {
  constructor(message = 'report failed authentication (wrong key or altered ciphertext, tag or ephemeral key)') {
    super(message);
    this.name = 'ReportAuthError';
  }
}
