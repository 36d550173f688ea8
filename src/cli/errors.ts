/**
 * An error the user caused (bad flag, bad file, bad key). The CLI prints its message
 * as one line on stderr and exits with code 2, without a stack trace.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
