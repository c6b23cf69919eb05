/**
 * @module Where this checkout and its bin/strikeline.js are, for commands that start other commands as processes
 * (the demo, tick) or read the checkout's files (install-service, doctor, the dashboard's page): found by walking
 * up from this module, which runs from src/cli/ (tests) or from the build under node_modules/.cache/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The absolute path of bin/strikeline.js in the checkout this module belongs to. */
export function strikelineBin(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const bin = join(dir, 'bin', 'strikeline.js');
    if (existsSync(bin) && existsSync(join(dir, 'package.json'))) return bin;
    if (dirname(dir) === dir) throw new Error(`bin/strikeline.js not found above ${from}`);
  }
}

/** The checkout's directory (the one holding bin/ and package.json). */
export function checkoutDir(): string {
  return dirname(dirname(strikelineBin()));
}
