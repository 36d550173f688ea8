/**
 * `crowdfind world convert`: turns a user's OpenStreetMap extract (.osm, .osm.gz, Overpass
 * JSON) or GeoJSON street file into a world file, with the converter the built-in worlds
 * and the app's import use; `crowdfind sim --world-file` then runs on it.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { convertMapInput } from '../world/convert.ts';
import { serializeWorld } from '../world/world-file.ts';
import { splitArgs } from './args.ts';
import { CliError } from './errors.ts';

/** the same limit the app states for imports */
const MAX_BYTES = 50 * 1024 * 1024;

const HELP = `Usage: crowdfind world convert <input> --out <world.json> [--name <name>]

Converts an OpenStreetMap extract (.osm, .osm.gz, Overpass JSON) or a GeoJSON street file
(up to 50 MB) into a Crowdfind world file: a routable street graph (largest connected part),
buildings, water and parks. Run on it with: crowdfind sim --world-file <world.json> ...
Map data from OpenStreetMap is © OpenStreetMap contributors (ODbL).`;

export async function worldCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(HELP);
    return 0;
  }
  if (sub !== 'convert') throw new CliError(`unknown world command "${sub}"; try \`crowdfind world convert --help\``);
  const args = splitArgs(rest, { help: false, out: true, name: true });
  if (args.own.has('help')) {
    console.log(HELP);
    return 0;
  }
  if (args.knobs.size) throw new CliError('world convert takes only --out and --name');
  const [input, extra] = args.positional;
  if (!input) throw new CliError('give the file to convert: crowdfind world convert <input> --out <world.json>');
  if (extra) throw new CliError(`unexpected argument "${extra}"`);
  const out = args.own.get('out');
  if (!out) throw new CliError('--out <world.json> is required');
  let size: number;
  try {
    size = statSync(input).size;
  } catch (err) {
    throw new CliError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (size > MAX_BYTES) throw new CliError(`${input} is ${(size / 1048576).toFixed(0)} MB; the limit is 50 MB (cut a smaller extract)`);
  const name = String(args.own.get('name') ?? basename(input).replace(/\.(osm|geojson|json)(\.gz)?$/i, ''));
  let result;
  try {
    result = convertMapInput(new Uint8Array(readFileSync(input)), { id: 'custom', name });
  } catch (err) {
    throw new CliError(`${input}: ${(err as Error).message}`);
  }
  const text = serializeWorld(result.world);
  writeFileSync(String(out), text);
  const w = result.world;
  console.log(`${w.name}: ${w.graph.nodeX.length.toLocaleString('en-US')} street nodes, ${w.graph.edgeA.length.toLocaleString('en-US')} segments, ${w.areaKm2.toFixed(2)} km², ${w.buildings.length} buildings -> ${out} (${(text.length / 1024).toFixed(0)} KB)`);
  return 0;
}
