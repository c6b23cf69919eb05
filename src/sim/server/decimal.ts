/** @module Decimal strings for Alpaca's trading JSON (no exponent, at most 9 decimals) and lenient numeric input. */
import { HttpError } from './http-error.ts';

/** `12.5` -> "12.5", `1e-7` -> "0.0000001", `-0` -> "0"; at most 9 decimals, trailing zeros removed. */
export function toDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const fixed = n.toFixed(9);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Like {@link toDecimal} but keeps null. */
export function toDecimalOrNull(n: number | null | undefined): string | null {
  return n === null || n === undefined ? null : toDecimal(n);
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a number sent as a JSON number or a decimal string; undefined when absent; 422 when malformed. */
export function readNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  throw new HttpError(422, 40010001, `invalid ${field}: ${JSON.stringify(value)} is not a number`);
}

/** The strings Go's strconv.ParseBool accepts (Alpaca's backend parses query booleans with it). */
const TRUE_WORDS: ReadonlySet<string> = new Set(['1', 't', 'T', 'true', 'True', 'TRUE']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['0', 'f', 'F', 'false', 'False', 'FALSE']);

/**
 * Reads a boolean sent as a JSON boolean or as a string Go's ParseBool accepts (1/0, t/f, true/false in lower,
 * title or upper case: Alpaca's Python SDK sends `True`); undefined when absent; 422 otherwise.
 */
export function readBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && TRUE_WORDS.has(value)) return true;
  if (typeof value === 'string' && FALSE_WORDS.has(value)) return false;
  throw new HttpError(422, 40010001, `invalid ${field}: expected true or false`);
}
