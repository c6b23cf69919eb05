/** @module Credentials for a simulator started without any: random, and shaped like Alpaca's (a 20-character key id, a 40-character secret). */
import { randomBytes } from 'node:crypto';

export interface SimCredentials {
  readonly key: string;
  readonly secret: string;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = `${KEY_ALPHABET}abcdefghijklmnopqrstuvwxyz`;

/** `length` characters of `alphabet`, uniformly (rejection sampling keeps the modulo unbiased). */
function randomText(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length] ?? '';
    }
  }
  return out;
}

/** A fresh key id (`PKSIM` + 15) and secret (40), about 77 and 238 bits of randomness. */
export function randomCredentials(): SimCredentials {
  return { key: `PKSIM${randomText(KEY_ALPHABET, 15)}`, secret: randomText(SECRET_ALPHABET, 40) };
}
