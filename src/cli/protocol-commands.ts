/**
 * `crowdfind keys ...` and `crowdfind report ...`: the protocol from the command line.
 * Every user mistake becomes a CliError (one line on stderr, exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  P224_BYTES,
  REPORT_BYTES,
  ReportAuthError,
  ReportFormatError,
  SECRET_BYTES,
  decryptReport,
  derivePeriodKey,
  encryptReport,
  fromBase64,
  generateMasterKey,
  liftX,
  privateScalarFromBytes,
  toBase64,
} from '../protocol/index.ts';
import { CliError } from './errors.ts';

const KEYS_USAGE = `Usage:
  crowdfind keys new
      prints a fresh master beacon key: {masterPrivate, masterPublic, secret} (base64)
  crowdfind keys derive --master-private <b64> --secret <b64> --period <i>
      prints the key of period i (i >= 1; SK_1 = KDF(SK_0)):
      {period, privateKey, advertisedKey, hashedId} (base64)`;

const REPORT_USAGE = `Usage:
  crowdfind report encrypt --key <b64 advertised key> --lat <deg> --lon <deg> --accuracy <m>
                           --time <ISO 8601> [--confidence <0-255>] [--status <0-255>]
      prints the 88-byte report, base64
  crowdfind report decrypt --private-key <b64> <b64 report>
      prints {lat, lon, accuracy, status, confidence, timestamp}
      (timestamp and confidence are not authenticated, as in the real network)`;

/** parseArgs with strict checking, turning its errors into CliErrors. */
function parse(args: string[], options: ParseArgsConfig['options'], allowPositionals = false): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  // parseArgs refuses `--lon -2.35` (a value that looks like a flag): join negative numbers
  // to their string option so coordinates can be typed naturally.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') && !args[i].includes('=') ? args[i].slice(2) : undefined;
    if (name && options?.[name]?.type === 'string' && /^-(\d|\.\d)/.test(args[i + 1] ?? '')) joined.push(`${args[i]}=${args[++i]}`);
    else joined.push(args[i]);
  }
  args = joined;
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    throw new CliError((err as Error).message.split('\n')[0]);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`missing --${name}`);
  return v;
}

function base64Arg(value: string, what: string, length: number): Uint8Array {
  try {
    return fromBase64(value, what, length);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

function numberArg(value: string, name: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${value}"`);
  if (integer && !Number.isInteger(n)) throw new CliError(`--${name} must be an integer, got "${value}"`);
  if (n < min || n > max) throw new CliError(`--${name} must be within ${min}..${max}, got ${value}`);
  return n;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function timeArg(value: string): number {
  const ms = Date.parse(value);
  if (!ISO_8601.test(value) || Number.isNaN(ms)) throw new CliError(`--time must be an ISO 8601 date, e.g. 2024-05-01T12:00:00Z, got "${value}"`);
  if (ms < Date.UTC(2001, 0, 1) || ms >= Date.UTC(2001, 0, 1) + 2 ** 32 * 1000) throw new CliError('--time must be between 2001-01-01 and 2137 (reports count seconds since 2001 in 32 bits)');
  return ms;
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

export async function keysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(KEYS_USAGE);
    return 0;
  }
  if (sub === 'new') {
    const { values } = parse(rest, {});
    if (values.help) return console.log(KEYS_USAGE), 0;
    const m = generateMasterKey();
    print({ masterPrivate: toBase64(m.privateKey), masterPublic: toBase64(m.publicKey), secret: toBase64(m.secret) });
    return 0;
  }
  if (sub === 'derive') {
    const { values } = parse(rest, { 'master-private': { type: 'string' }, secret: { type: 'string' }, period: { type: 'string' } });
    if (values.help) return console.log(KEYS_USAGE), 0;
    const privateKey = base64Arg(required(values, 'master-private'), '--master-private', P224_BYTES);
    const secret = base64Arg(required(values, 'secret'), '--secret', SECRET_BYTES);
    // The chain is a hash chain: a period far ahead costs one hash per period (1e6 is ~1 s).
    const period = numberArg(required(values, 'period'), 'period', 1, 10_000_000, true);
    try {
      privateScalarFromBytes(privateKey);
    } catch {
      throw new CliError('--master-private is not a valid P-224 private key (must be 1 <= d < n)');
    }
    const k = derivePeriodKey({ privateKey, secret }, period);
    print({ period, privateKey: toBase64(k.privateKey), advertisedKey: toBase64(k.advertisedKey), hashedId: k.hashedId });
    return 0;
  }
  throw new CliError(`unknown keys subcommand "${sub}"; run \`crowdfind keys --help\``);
}

export async function reportCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(REPORT_USAGE);
    return 0;
  }
  if (sub === 'encrypt') {
    const { values } = parse(rest, {
      key: { type: 'string' },
      lat: { type: 'string' },
      lon: { type: 'string' },
      accuracy: { type: 'string' },
      time: { type: 'string' },
      confidence: { type: 'string' },
      status: { type: 'string' },
    });
    if (values.help) return console.log(REPORT_USAGE), 0;
    const key = base64Arg(required(values, 'key'), '--key', P224_BYTES);
    try {
      liftX(key);
    } catch {
      throw new CliError('--key is not the x coordinate of a P-224 point (not an advertised key)');
    }
    const location = {
      lat: numberArg(required(values, 'lat'), 'lat', -90, 90),
      lon: numberArg(required(values, 'lon'), 'lon', -180, 180),
      accuracy: numberArg(required(values, 'accuracy'), 'accuracy', 0, Number.MAX_SAFE_INTEGER),
      status: values.status === undefined ? 0 : numberArg(values.status as string, 'status', 0, 255, true),
    };
    const confidence = values.confidence === undefined ? 0 : numberArg(values.confidence as string, 'confidence', 0, 255, true);
    const timestampMs = timeArg(required(values, 'time'));
    console.log(toBase64(encryptReport(key, location, timestampMs, confidence)));
    return 0;
  }
  if (sub === 'decrypt') {
    const { values, positionals } = parse(rest, { 'private-key': { type: 'string' } }, true);
    if (values.help) return console.log(REPORT_USAGE), 0;
    const privateKey = base64Arg(required(values, 'private-key'), '--private-key', P224_BYTES);
    if (positionals.length !== 1) throw new CliError(`expected one base64 report argument, got ${positionals.length}`);
    const report = base64Arg(positionals[0], 'report', REPORT_BYTES);
    let d: bigint;
    try {
      d = privateScalarFromBytes(privateKey);
    } catch {
      throw new CliError('--private-key is not a valid P-224 private key (must be 1 <= d < n)');
    }
    try {
      const r = decryptReport(d, report);
      print({ lat: r.lat, lon: r.lon, accuracy: r.accuracy, status: r.status, confidence: r.confidence, timestamp: new Date(r.timestampMs).toISOString() });
      return 0;
    } catch (err) {
      if (err instanceof ReportAuthError || err instanceof ReportFormatError) throw new CliError(err.message);
      throw err;
    }
  }
  throw new CliError(`unknown report subcommand "${sub}"; run \`crowdfind report --help\``);
}
