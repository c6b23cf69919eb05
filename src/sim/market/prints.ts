/**
 * @module Synthetic trade prints inside minute bars: per minute the open, then the low and high in path order
 * (low first on an up minute), then the close, at fixed seconds plus a per-symbol millisecond jitter, so prints
 * are time-ordered across symbols and every print lies within its minute bar.
 */
import type { MinuteDay } from './intraday.ts';
import { hashString } from './random.ts';

/** Offsets of the four prints inside a minute (ms); the jitter (< 900 ms) keeps them in order and inside it. */
export const SLOT_OFFSETS_MS = [1_000, 20_000, 40_000, 59_000] as const;
const SIZE_WEIGHTS = [0.3, 0.2, 0.2, 0.3] as const;

/** Per-symbol millisecond offset of its prints, in [0, 900). */
export function printJitterMs(symbol: string): number {
  return hashString(symbol) % 900;
}

/** Price in cents of print `slot` (0..3) of minute k. */
export function slotPriceCents(day: MinuteDay, k: number, slot: number): number {
  const o = day.o[k] ?? 0;
  const c = day.c[k] ?? 0;
  const h = day.h[k] ?? 0;
  const l = day.l[k] ?? 0;
  if (slot === 0) return o;
  if (slot === 3) return c;
  const lowFirst = c >= o;
  return (slot === 1) === lowFirst ? l : h;
}

/** Size of print `slot` of minute k: the minute volume split 30/20/20/30 (at least 1 share). */
export function slotSize(day: MinuteDay, k: number, slot: number): number {
  const v = day.v[k] ?? 0;
  let before = 0;
  for (let s = 0; s < slot; s += 1) before += SIZE_WEIGHTS[s] ?? 0;
  const upTo = slot === 3 ? v : Math.round(v * (before + (SIZE_WEIGHTS[slot] ?? 0)));
  return Math.max(1, upTo - Math.round(v * before));
}

/** The last slot of minute k printed at or before ts (-1 when none yet). */
export function lastSlotAt(minuteStart: number, jitter: number, ts: number): number {
  let slot = -1;
  for (let s = 0; s < SLOT_OFFSETS_MS.length; s += 1) {
    if (minuteStart + (SLOT_OFFSETS_MS[s] ?? 0) + jitter <= ts) slot = s;
  }
  return slot;
}

/** Trade ids: the print's ms time x 1000, plus a sequence (0 for the market's own print, 1.. for injected ones). */
export const PRINT_ID_SLOTS = 1000;

export function printId(ts: number, sequence = 0): number {
  return Math.floor(ts) * PRINT_ID_SLOTS + sequence;
}
