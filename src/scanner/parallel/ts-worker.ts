/**
 * @module Worker threads that run the TypeScript sources: the worker registers tsx's loader (found through its
 * package.json's export map) before importing its module, as the CLI does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM API (`tsx/esm/api`). */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = pkg.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

const TSX_API = tsxApiUrl();

/** A worker running the TypeScript module at `moduleUrl` with `workerData`. */
export function tsWorker(moduleUrl: string, workerData: unknown): Worker {
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then((api) => { api.register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}
