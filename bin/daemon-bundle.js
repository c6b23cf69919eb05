// Builds the daemon's bundle once per state of src/: esbuild, dependencies left external, written
// atomically under node_modules/.cache so concurrent starts never read half a file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repo, 'node_modules', '.cache', 'strikeline');

function fingerprint(dir, hash) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fingerprint(path, hash);
    else {
      const s = statSync(path);
      hash.update(`${path}:${s.size}:${s.mtimeMs}\n`);
    }
  }
  return hash;
}

/** Resolves the path of an up-to-date bundle of src/cli/daemon-main.ts, building it when missing. */
export async function daemonBundle() {
  const hash = fingerprint(join(repo, 'src'), createHash('sha256')).update(statSync(join(repo, 'package-lock.json')).mtimeMs.toString());
  const name = `daemon-${hash.digest('hex').slice(0, 16)}.mjs`;
  const out = join(cacheDir, name);
  if (existsSync(out)) return out;
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `.${name}.${process.pid}.tmp`);
  await build({
    entryPoints: [join(repo, 'src', 'cli', 'daemon-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: tmp,
    logLevel: 'warning',
  });
  renameSync(tmp, out);
  for (const old of readdirSync(cacheDir)) if (old.startsWith('daemon-') && old !== name) rmSync(join(cacheDir, old), { force: true });
  return out;
}
