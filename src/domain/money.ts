/** @module Prices and quantities: branded numbers with the broker's rounding rules, parsed once at the edge. */

export type Price = number & { readonly __brand: 'Price' };
export type Qty = number & { readonly __brand: 'Qty' };

/** Fractional quantities keep up to 9 decimals (Alpaca's limit). */
export const QTY_DECIMALS = 9;

export const price = (n: number): Price => n as Price;
export const qty = (n: number): Qty => n as Qty;

/** Rounds a quantity to 9 decimals, never upwards (we never reserve more than we hold). */
export function floorQty(n: number): Qty {
  const scale = 10 ** QTY_DECIMALS;
  return qty(Math.floor(n * scale + 1e-6) / scale);
}

export function roundQty(n: number): Qty {
  const scale = 10 ** QTY_DECIMALS;
  return qty(Math.round(n * scale) / scale);
}

/** Alpaca's tick: $0.01 at or above $1, $0.0001 below. */
export function tickSize(p: number): number {
  return p >= 1 ? 0.01 : 0.0001;
}

/** Rounds a price to a valid tick, in the given direction. */
export function roundToTick(p: number, direction: 'down' | 'up' | 'nearest' = 'nearest'): Price {
  const tick = tickSize(p);
  const steps = p / tick;
  const fn = direction === 'down' ? Math.floor : direction === 'up' ? Math.ceil : Math.round;
  const rounded = fn(steps + (direction === 'down' ? 1e-9 : direction === 'up' ? -1e-9 : 0)) * tick;
  return price(Number(rounded.toFixed(tick < 0.01 ? 4 : 2)));
}

export function isWholeQty(q: number): boolean {
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/**
 * Splits a quantity into its whole shares and the fractional remainder. The half-step tolerance absorbs float
 * noise (2.9999999999999996 is 3) but never rounds a real 9-decimal remainder (4999.999999999 is 4999 + 0.999999999).
 */
export function splitWhole(q: number): { whole: Qty; fraction: Qty } {
  const whole = Math.floor(q + 5e-10);
  return { whole: qty(whole), fraction: floorQty(q - whole) };
}

/** Money rounded to cents, for reports. */
export function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
