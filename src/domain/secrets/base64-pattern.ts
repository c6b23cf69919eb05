/**
 * @module Base64 forms of a secret: alone, or inside a longer encoded value such as Basic credentials
 * (`base64(key:secret)`), in the standard or URL-safe alphabet, percent-encoded or JSON-escaped.
 *
 * Inside a longer value the secret starts at one of three byte offsets of a 3-byte group. For each offset, the
 * groups that hold only secret bytes encode to a fixed run of characters (the "core"), whatever surrounds it; a
 * secret of 8 bytes or more has a core of 8 characters or more at every offset. A token holding a core is redacted
 * whole: its other characters encode the secret's edges and whatever was packed with it.
 */

/** The characters of every core of `secret`, standard alphabet, one per offset. */
function cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [0, 1, 2].map((offset) => {
    const start = (3 - offset) % 3;
    const groups = Math.floor((bytes.length - start) / 3);
    return bytes.subarray(start, start + groups * 3).toString('base64');
  });
}

const STANDARD: Readonly<Record<string, string>> = {
  '+': '(?:\\+|%2[bB])',
  '/': '(?:\\\\*\\/|%2[fF])',
};

/** A regular expression source matching any core of `secret`, in either alphabet. */
export function base64CorePattern(secret: string): string {
  return cores(secret)
    .flatMap((core) => [
      Array.from(core)
        .map((c) => STANDARD[c] ?? c)
        .join(''),
      core.replace(/\+/g, '-').replace(/\//g, '_'),
    ])
    .join('|');
}

/** One base64 token, standard or URL-safe, with `+`, `/` and `=` possibly percent-encoded or `/` JSON-escaped. */
export const BASE64_TOKEN = /(?:[A-Za-z0-9_-]|\+|%2[bBfF]|\\*\/)+(?:=|%3[dD]){0,2}/g;
