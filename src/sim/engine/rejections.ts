/** @module The exchange's business rejections with Alpaca's codes (ALPACA.md §4.2), and number formatting for their messages. */
import { SimRejection } from '../contracts.ts';

/** 422 / 40010001: malformed or invalid parameters. */
export const invalidRequest = (message: string): SimRejection =>
  new SimRejection(422, 40010001, message);
/** 422 / 42210000: semantic validation (advanced orders, not cancelable, ...). */
export const unprocessable = (message: string): SimRejection =>
  new SimRejection(422, 42210000, message);
/** 403 / 40310000: the overloaded "forbidden" bucket (qty, buying power, wash trade, fractionable). */
export const forbidden = (message: string): SimRejection =>
  new SimRejection(403, 40310000, message);
/** 404 / 40410000. */
export const notFound = (message: string): SimRejection => new SimRejection(404, 40410000, message);

/** The Alpaca code that goes with an injected rejection's status. */
export function codeForStatus(status: 403 | 422 | 429 | 500): number {
  switch (status) {
    case 403:
      return 40310000;
    case 422:
      return 42210000;
    case 429:
      return 42910000;
    case 500:
      return 50010000;
  }
}

/** A quantity as Alpaca prints it in messages: up to 9 decimals, no trailing zeros ("10", "0.5"). */
export function formatQty(n: number): string {
  const s = n.toFixed(9);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export const insufficientQty = (requested: number, available: number): SimRejection =>
  forbidden(
    `insufficient qty available for order (requested: ${formatQty(requested)}, available: ${formatQty(Math.max(0, available))})`,
  );

export const WASH_TRADE = 'potential wash trade detected. use complex orders';
