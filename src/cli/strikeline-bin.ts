/**
 * @module Where bin/strikeline.js is, for commands that start other commands as processes (the demo): found by
 * walking up from this module, which runs from src/cli/ (tests) or from the build under node_modules/.cache/.
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
