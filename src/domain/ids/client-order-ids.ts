/**
 * @module Every client_order_id strikeline sends, made here with one hash (sha256): entries, one per trading
 * day, ticker and strategy; the daemon's orders, derived only from what they protect or close. A retry or a
 * restart computes the same id, and the broker's uniqueness rule stops a duplicate. At most 48 characters
 * (Alpaca's legacy limit; the v4 SDK documents 128), readable prefix and symbol first.
 */
import { createHash } from 'node:crypto';

/** The roles of the daemon's sell orders, and `foreign` for every sell order it did not place. */
export type OrderRole = 'oco' | 'stop' | 'exit' | 'fexit' | 'foreign';

export const MAX_CLIENT_ORDER_ID = 48;
/** Every entry strikeline submits starts with this, so the daemon can tell its own entries. */
export const ENTRY_PREFIX = 'sl-entry-';

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `sl-oco-` whole-share OCO, `sl-stp-` fractional DAY stop, `sl-exit-` soft exit, `sl-fx-` fraction target sale. */
const PREFIX: Record<Exclude<OrderRole, 'foreign'>, string> = {
  oco: 'sl-oco-',
  stop: 'sl-stp-',
  exit: 'sl-exit-',
  fexit: 'sl-fx-',
};

export interface ClientOrderIdInput {
  readonly role: Exclude<OrderRole, 'foreign'>;
  readonly symbol: string;
  /** The position generation: the id of the order that opened the position. */
  readonly anchor: string;
  /** Shares the order covers. */
  readonly qty: number;
  /** Attempt number: bumped only when the broker already holds a finished order with this id. */
  readonly n: number;
}

/** 20 base-36 characters (100 bits) of the inputs' sha256. */
export function digest(text: string): string {
  return BigInt(`0x${sha256Hex(text).slice(0, 25)}`)
    .toString(36)
    .padStart(20, '0');
}

/**
 * `sl-oco-AAPL-<20-char digest>`: readable prefix and symbol, digest of every input; never over 48 characters.
 *
 * @example protectiveClientOrderId({ role: 'oco', symbol: 'AAPL', anchor: orderId, qty: 10, n: 0 })
 */
export function protectiveClientOrderId(input: ClientOrderIdInput): string {
  const key = `${input.role}|${input.symbol}|${input.anchor}|${input.qty.toFixed(9)}|${input.n}`;
  const symbol = input.symbol.replace(/[^A-Za-z0-9.]/g, '').slice(0, 12);
  return `${PREFIX[input.role]}${symbol}-${digest(key)}`.slice(0, MAX_CLIENT_ORDER_ID);
}

/** The role of a sell order from its client id: ours by prefix, anything else is foreign. */
export function roleOfClientOrderId(clientOrderId: string): OrderRole {
  for (const [role, prefix] of Object.entries(PREFIX) as Array<
    [Exclude<OrderRole, 'foreign'>, string]
  >) {
    if (clientOrderId.startsWith(prefix)) return role;
  }
  return 'foreign';
}

/** Whether an order is one of the daemon's protective orders (OCO or fractional stop). */
export const isProtectiveRole = (role: OrderRole): role is 'oco' | 'stop' =>
  role === 'oco' || role === 'stop';

/** The broker's answer to a reused client_order_id: the order was already placed. */
export const isDuplicateClientOrderIdMessage = (message: string): boolean =>
  /client_order_id must be unique/i.test(message);

export type EntryKind = 'entry' | 'entry-whole';

export interface EntryIdInput {
  /** The New York trading day, YYYY-MM-DD. */
  readonly day: string;
  readonly ticker: string;
  readonly strategy: string;
  /** `entry-whole` is the one whole-share retry after a "not fractionable" rejection. */
  readonly kind?: EntryKind;
}

/** Hex characters of an entry id's digest (its format predates the daemon's ids and stays byte-identical). */
const DIGEST_CHARS = 10;

/** `sl-entry-20240305-AAPL-momentum-1a2b3c4d5e` (whole-share retry: `...-w1a2b3c4d5`), strategy cut to fit 48. */
export function entryClientOrderId(input: EntryIdInput): string {
  const kind = input.kind ?? 'entry';
  const hex = sha256Hex(`${kind}|${input.day}|${input.ticker}|${input.strategy}`);
  const tail = kind === 'entry' ? hex.slice(0, DIGEST_CHARS) : `w${hex.slice(0, DIGEST_CHARS - 1)}`;
  const head = `${ENTRY_PREFIX}${input.day.replaceAll('-', '')}-${input.ticker}-`;
  const room = MAX_CLIENT_ORDER_ID - head.length - tail.length - 1;
  const strategy = input.strategy.slice(0, Math.max(0, room));
  return strategy === ''
    ? `${head}${tail}`.slice(0, MAX_CLIENT_ORDER_ID)
    : `${head}${strategy}-${tail}`;
}
