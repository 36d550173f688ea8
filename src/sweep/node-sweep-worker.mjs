// Piscina loads plain JS; this shim loads the TypeScript worker through tsx (scoped import,
// so the worker thread's own module loading is left alone). Same pattern as
// src/protocol/node-crypto-worker.mjs.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./node-sweep-worker.ts', import.meta.url);
export default worker.default;
