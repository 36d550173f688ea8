/** `crowdfind` command line: dispatches to subcommands that share the simulation core. */
import { CliError } from './errors.ts';

type Command = { summary: string; load: () => Promise<(args: string[]) => Promise<number>> };

const COMMANDS: Record<string, Command> = {
  serve: { summary: 'build and serve the web app on localhost (serve --help)', load: async () => (await import('./serve-command.ts')).serveCommand },
  sim: { summary: 'run one simulation headless and print its metrics (sim --help)', load: async () => (await import('./sim-command.ts')).simCommand },
  world: { summary: 'convert your own OpenStreetMap or GeoJSON file into a world (world convert --help)', load: async () => (await import('./world-command.ts')).worldCommand },
  sweep: { summary: 'run one knob over many values and seeds in worker threads (sweep --help)', load: async () => (await import('./sweep-command.ts')).sweepCommand },
  merge: { summary: 'merge the outputs of sweep shards (merge --help)', load: async () => (await import('./merge-command.ts')).mergeCommand },
  keys: { summary: 'derive rotating Find My keys (keys derive --help)', load: async () => (await import('./protocol-commands.ts')).keysCommand },
  report: { summary: 'encrypt or decrypt 88-byte location reports (report encrypt|decrypt --help)', load: async () => (await import('./protocol-commands.ts')).reportCommand },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['Usage: crowdfind <command> [options]', '', 'Commands:', ...rows, '', 'Run `crowdfind <command> --help` for the options of one command.'].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new CliError(`unknown command "${name}"; run \`crowdfind --help\` for the list`);
    return await (await command.load())(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`crowdfind: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
