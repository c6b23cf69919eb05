/**
 * @module The kernels' output arrays, carved from 256 KiB slabs rather than one ArrayBuffer each. A fresh
 * ArrayBuffer per output (a 10-year series: 20 KB) cost ~40 µs on the 2-core VM, page faults and V8's
 * external-memory bookkeeping, ten times the EMA's arithmetic (issue 19); a view on a slab costs a view. A slab is
 * freed once none of its views is reachable, so a long-lived output keeps at most one slab alive.
 */

/** Slab size: a dozen 10-year outputs; a long-lived view pins no more than this. */
const SLAB_BYTES = 256 * 1024;
/** Outputs larger than this get a buffer of their own (a slab would hold too few of them). */
const OWN_BUFFER_ABOVE = SLAB_BYTES / 4;

// Per thread (each worker loads its own copy of this module); outputs are zeroed memory, never reused.
let slab = new ArrayBuffer(0);
let used = 0;

/** A zero-filled Float64Array of length n, as `new Float64Array(n)` gives (but on a shared slab). */
export function outputArray(n: number): Float64Array {
  const bytes = n * 8;
  if (bytes > OWN_BUFFER_ABOVE) return new Float64Array(n);
  if (used + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const out = new Float64Array(slab, used, n);
  used += bytes;
  return out;
}
