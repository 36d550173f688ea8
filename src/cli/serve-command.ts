/**
 * `crowdfind serve`: the web app, from the same program as the command line. Builds the
 * static site into dist/ (unless it is there and --no-build is given) and serves it on
 * localhost with Vite's preview server, with the page's Content-Security-Policy.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitArgs } from './args.ts';
import { CliError } from './errors.ts';

const HELP = `Usage: crowdfind serve [--port 5173] [--host 127.0.0.1] [--no-build]

Builds the app and serves it (offline: the page loads nothing from other origins).
  --port <n>     port to listen on [default 5173]
  --host <addr>  address to bind [default 127.0.0.1; 0.0.0.0 to reach it from other devices]
  --no-build     serve the existing dist/ without rebuilding`;

export async function serveCommand(argv: string[]): Promise<number> {
  const args = splitArgs(argv, { help: false, port: true, host: true, 'no-build': false });
  if (args.own.has('help')) {
    console.log(HELP);
    return 0;
  }
  if (args.knobs.size || args.positional.length) throw new CliError('serve takes only --port, --host and --no-build; scenario knobs go in the page or its address (?density=...)');
  const port = Number(args.own.get('port') ?? 5173);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`--port must be 1..65535, got ${args.own.get('port')}`);
  const host = String(args.own.get('host') ?? '127.0.0.1');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const { build, preview } = await import('vite');
  if (!args.own.has('no-build') || !existsSync(`${root}dist/index.html`)) await build({ root, logLevel: 'warn' });
  const server = await preview({ root, preview: { port, host, strictPort: true, open: false }, logLevel: 'warn' });
  console.log(`Crowdfind is at ${server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.close();
  return 0;
}
