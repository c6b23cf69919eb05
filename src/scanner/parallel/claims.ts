/**
 * @module The universe dealt out on demand: each thread of a parallel scan claims the next symbol nobody has
 * claimed (one Int32 in shared memory, Atomics.add), so a thread that starts late or runs slower scans fewer.
 */

/** A fresh counter, to share between the threads of one scan. */
export const newClaims = (): SharedArrayBuffer => new SharedArrayBuffer(4);

/** The symbols this thread claims, in claiming order, until every one is claimed. */
export function* claimed(
  symbols: readonly string[],
  claims: SharedArrayBuffer,
): Generator<string, void, undefined> {
  const next = new Int32Array(claims);
  for (let i = Atomics.add(next, 0, 1); i < symbols.length; i = Atomics.add(next, 0, 1))
    yield symbols[i] as string;
}
