/**
 * @module Deterministic client_order_ids for entries: one per (trading day, ticker, strategy), at most
 * 48 characters (Alpaca's legacy limit), readable, and unique thanks to a sha256 digest of the inputs.
 */
import { createHash } from 'node:crypto';

export const MAX_CLIENT_ORDER_ID = 48;
/** Every entry strikeline submits starts with this, so the daemon can tell its own entries. */
export const ENTRY_PREFIX = 'sl-entry-';

export type EntryKind = 'entry' | 'entry-whole';

export interface EntryIdInput {
  /** The New York trading day, YYYY-MM-DD. */
  readonly day: string;
  readonly ticker: string;
  readonly strategy: string;
  /** `entry-whole` is the one whole-share retry after a "not fractionable" rejection. */
  readonly kind?: EntryKind;
}

const DIGEST_CHARS = 10;

/** `sl-entry-20240305-AAPL-momentum-1a2b3c4d5e` (whole-share retry: `...-w1a2b3c4d5`), strategy cut to fit 48. */
export function entryClientOrderId(input: EntryIdInput): string {
  const kind = input.kind ?? 'entry';
  const digest = createHash('sha256')
    .update(`${kind}|${input.day}|${input.ticker}|${input.strategy}`)
    .digest('hex');
  const tail =
    kind === 'entry' ? digest.slice(0, DIGEST_CHARS) : `w${digest.slice(0, DIGEST_CHARS - 1)}`;
  const head = `${ENTRY_PREFIX}${input.day.replaceAll('-', '')}-${input.ticker}-`;
  const room = MAX_CLIENT_ORDER_ID - head.length - tail.length - 1;
  const strategy = input.strategy.slice(0, Math.max(0, room));
  return strategy === ''
    ? `${head}${tail}`.slice(0, MAX_CLIENT_ORDER_ID)
    : `${head}${strategy}-${tail}`;
}
