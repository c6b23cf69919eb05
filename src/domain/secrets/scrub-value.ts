/** @module Scrubs every string inside a JSON-like value (keys too), for stores and other structured channels. */
import type { Scrub } from './scrub.ts';

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The value with `scrub` applied to each string in it, through arrays and plain objects; other objects (dates,
 * buffers) pass as they are. Returns the value itself when nothing changed, so clean values cost no copy.
 */
export function scrubValue<T>(value: T, scrub: Scrub): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const out = items.map((item) => scrubValue(item, scrub));
    return out.some((item, i) => item !== items[i]) ? (out as T) : value;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const k = scrub(key);
    const v = scrubValue(item, scrub);
    changed ||= k !== key || v !== item;
    out[k] = v;
  }
  return changed ? (out as T) : value;
}
