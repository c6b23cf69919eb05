/**
 * @module Worker threads for the scan and the research, from source or from the build alike. Run from the
 * TypeScript sources (tests, benchmarks), a worker registers tsx's loader (found through its package.json's
 * export map) before importing its module; run from the CLI's build (bin/build.js), it starts the worker's own
 * built entry, which sits in the same folder as every chunk of the build.
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

/**
 * The URL of the worker module `name` (e.g. 'scan-worker') that sits beside the calling module: its source
 * (`./name.ts`) when the caller is a source file, its built entry (`./name.js`) when the caller is built.
 */
export function workerModuleUrl(callerUrl: string, name: string): string {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl).href;
}

/** A worker running the module at `moduleUrl` (TypeScript through tsx, JavaScript as it is) with `workerData`. */
export function tsWorker(moduleUrl: string, workerData: unknown): Worker {
  if (!moduleUrl.endsWith('.ts'))
    return new Worker(new URL(moduleUrl), { workerData, execArgv: [] });
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((api) => { api.register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}
