#!/usr/bin/env node
// Entry point: runs the build of the sources as they are now (bin/build.js builds it first when the sources
// changed since the last build). The daemon (`stream`) has an entry of its own so it loads only its own code.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild } from './build.js';

// Stack traces name the sources (src/...:line), not the bundle: the error log and every failure's stack need them.
process.setSourceMapsEnabled(true);

let dir;
try {
  dir = await ensureBuild();
} catch (e) {
  process.stderr.write(`strikeline: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
await import(pathToFileURL(join(dir, process.argv[2] === 'stream' ? 'daemon.js' : 'main.js')).href);
