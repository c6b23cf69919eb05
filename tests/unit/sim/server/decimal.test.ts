import { describe, expect, it } from 'vitest';
import {
  readBoolean,
  readNumber,
  toDecimal,
  toDecimalOrNull,
} from '../../../../src/sim/server/decimal.ts';
import { HttpError } from '../../../../src/sim/server/http-error.ts';

describe('toDecimal', () => {
  it('writes plain decimal strings without exponent or trailing zeros', () => {
    expect(toDecimal(187.5)).toBe('187.5');
    expect(toDecimal(10)).toBe('10');
    expect(toDecimal(1e-7)).toBe('0.0000001');
    expect(toDecimal(1e21 / 1e10)).toBe('100000000000');
    expect(toDecimal(-0)).toBe('0');
    expect(toDecimal(-2.25)).toBe('-2.25');
    expect(toDecimal(0.1 + 0.2)).toBe('0.3');
    expect(toDecimal(1.0000000001)).toBe('1');
  });

  it('keeps null and rejects non-finite numbers', () => {
    expect(toDecimalOrNull(null)).toBeNull();
    expect(toDecimalOrNull(3)).toBe('3');
    expect(() => toDecimal(Number.NaN)).toThrow(RangeError);
  });
});

describe('readNumber / readBoolean', () => {
  it('accepts numbers and numeric strings, absent as undefined', () => {
    expect(readNumber('10', 'qty')).toBe(10);
    expect(readNumber(' 0.5 ', 'qty')).toBe(0.5);
    expect(readNumber(2, 'qty')).toBe(2);
    expect(readNumber(undefined, 'qty')).toBeUndefined();
    expect(readNumber('', 'qty')).toBeUndefined();
  });

  it('rejects malformed numbers with a 422 naming the field', () => {
    try {
      readNumber('ten', 'qty');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HttpError);
      expect((e as HttpError).status).toBe(422);
      expect((e as HttpError).message).toContain('qty');
    }
  });

  it("reads booleans sent as strings the way Go's ParseBool does (Alpaca's backend)", () => {
    for (const yes of ['1', 't', 'T', 'true', 'True', 'TRUE'])
      expect(readBoolean(yes, 'x'), yes).toBe(true);
    for (const no of ['0', 'f', 'F', 'false', 'False', 'FALSE'])
      expect(readBoolean(no, 'x'), no).toBe(false);
    expect(readBoolean(false, 'x')).toBe(false);
    expect(readBoolean(undefined, 'x')).toBeUndefined();
    for (const bad of ['yes', 'tRUE', 'on', '2'])
      expect(() => readBoolean(bad, 'x'), bad).toThrow(HttpError);
  });
});
