/**
 * `npm ci` prints nothing alarming: every dependency with an install script (per the lockfile) has its decision in
 * package.json's `allowScripts`, so npm 11 neither runs it unasked nor warns about it. All three are denied: their
 * scripts only look for the prebuilt binary that an optional package (@esbuild/linux-x64, @lmdb/lmdb-linux-x64)
 * already ships, and msgpackr runs without its native extension.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(REPO, file), 'utf8')) as Record<string, unknown>;

describe('install scripts', () => {
  it('each dependency with an install script is decided in allowScripts, and none is run', () => {
    const packages = json('package-lock.json').packages as Record<
      string,
      { hasInstallScript?: boolean }
    >;
    const scripted = Object.entries(packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(scripted.length).toBeGreaterThan(0);
    const allowed = json('package.json').allowScripts as Record<string, boolean>;
    expect(Object.fromEntries(scripted.map((name) => [name, allowed[name]]))).toEqual(
      Object.fromEntries(scripted.map((name) => [name, false])),
    );
  });
});
