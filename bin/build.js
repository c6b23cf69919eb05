// The precompiled CLI: every command runs JavaScript that esbuild built from src/, never TypeScript transpiled at
// start. A build is keyed by a fingerprint of its inputs (each source file's path, size and mtime, the lockfile,
// tsconfig.json and this file), so an edited source gets a new build before anything runs: a stale build never
// runs. `npm ci` builds it (the `prepare` script); any command builds it when it is missing, e.g. after an edit.
// Builds go to node_modules/.cache/strikeline/build-<fingerprint>/, written to a temporary folder and renamed
// into place (a reader never sees half a build), one builder at a time (a lock file; the others wait for it).
// `node bin/build.js` builds (if needed) and prints the folder.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repo, 'node_modules', '.cache', 'strikeline');
const lockFile = join(cacheDir, 'build.lock');
/** Builds kept besides the current one: a long scan started before an edit still finds its worker's files. */
const KEEP_OLD = 2;
/** A lock older than this is taken over even if its holder lives (a build takes about a second). */
const LOCK_STALE_MS = 120_000;

/** The entry points, named as they are in the build folder (flat, so a chunk finds a worker as ./<name>.js). */
const ENTRIES = {
  main: 'src/cli/main.ts',
  daemon: 'src/cli/daemon-main.ts',
  'scan-worker': 'src/scanner/parallel/scan-worker.ts',
  'research-worker': 'src/scanner/research/parallel/research-worker.ts',
};

// Packages loaded from node_modules at run time rather than bundled: native addons (lmdb, msgpackr-extract) and
// packages that locate their own files at run time (pino's worker transports, playwright, esbuild, tsx).
// Everything else is bundled: resolving and compiling hundreds of small files (rxjs, zod) was most of a start.
const EXTERNAL = [
  'lmdb',
  'msgpackr',
  'msgpackr-extract',
  'pino',
  'pino-pretty',
  'thread-stream',
  'playwright-core',
  'esbuild',
  'tsx',
];

// Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
const BANNER =
  "import { createRequire as __strikelineRequire } from 'node:module'; const require = __strikelineRequire(import.meta.url);";

function walk(dir, hash) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, hash);
    else stamp(path, hash);
  }
}

function stamp(path, hash) {
  const s = statSync(path);
  hash.update(`${path.slice(repo.length)}\0${s.size}\0${s.mtimeMs}\n`);
}

/** The fingerprint of everything a build depends on. */
export function fingerprint() {
  const hash = createHash('sha256');
  walk(join(repo, 'src'), hash);
  for (const file of ['package-lock.json', 'tsconfig.json', 'bin/build.js'])
    stamp(join(repo, file), hash);
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function holderAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Takes the build lock, waiting while another live process holds it; false if `ready()` came true meanwhile. */
async function lock(ready) {
  for (;;) {
    if (ready()) return false;
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    try {
      const pid = Number(readFileSync(lockFile, 'utf8'));
      const age = Date.now() - statSync(lockFile).mtimeMs;
      // A holder that died (or has not written its pid yet for long) leaves the lock to the next builder.
      if ((pid > 0 && !holderAlive(pid)) || age > LOCK_STALE_MS) rmSync(lockFile, { force: true });
    } catch {
      // The lock went away between the calls: try again.
    }
    await sleep(50);
  }
}

async function buildInto(out) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: repo,
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: BANNER },
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    // Stack traces need the mappings only; the sources' text would triple what every start reads.
    sourcesContent: false,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
  });
}

function prune(current) {
  const builds = readdirSync(cacheDir)
    .filter((name) => name.startsWith('build-') && name !== current)
    .map((name) => ({ name, mtime: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(KEEP_OLD))
    rmSync(join(cacheDir, old.name), { recursive: true, force: true });
  // The daemon's bundle of earlier versions lived here too.
  for (const name of readdirSync(cacheDir))
    if (name.startsWith('daemon-')) rmSync(join(cacheDir, name), { force: true });
}

/** The folder of the build for the sources as they are now, built first when missing. */
export async function ensureBuild() {
  const name = `build-${fingerprint()}`;
  const dir = join(cacheDir, name);
  const ready = () => existsSync(join(dir, 'main.js'));
  if (ready()) return dir;
  mkdirSync(cacheDir, { recursive: true });
  if (!(await lock(ready))) return dir;
  try {
    if (ready()) return dir;
    const tmp = join(cacheDir, `.${name}.${process.pid}.tmp`);
    rmSync(tmp, { recursive: true, force: true });
    try {
      await buildInto(tmp);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      const first = e?.errors?.[0];
      const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
      throw new Error(
        `could not build the sources: ${where}${first?.text ?? (e instanceof Error ? e.message : String(e))}`,
      );
    }
    renameSync(tmp, dir);
    prune(name);
    return dir;
  } finally {
    rmSync(lockFile, { force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${await ensureBuild()}\n`);
  } catch (e) {
    process.stderr.write(`strikeline: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
