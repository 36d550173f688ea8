#!/usr/bin/env node
// Entry point of the `crowdfind` command: runs the TypeScript CLI through tsx's loader,
// so the CLI, the worker and the tests all execute the same source.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const { run } = await import(main);
process.exitCode = await run(process.argv.slice(2));
