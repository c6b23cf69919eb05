/**
 * @module Deterministic client_order_ids for the daemon's orders: derived only from what they protect or
 * close, so a retry or a restart computes the same id and the broker's uniqueness rule stops a duplicate.
 */

/** The roles of the daemon's sell orders, and `foreign` for every sell order it did not place. */
export type OrderRole = 'oco' | 'stop' | 'exit' | 'fexit' | 'foreign';

/** Alpaca's legacy limit (the v4 SDK documents 128; 48 fits both). */
export const MAX_CLIENT_ORDER_ID = 48;

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

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain); pure, so ids depend only on their inputs. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** 20 base-36 characters (about 100 bits) of the inputs' digest. */
export function digest(text: string): string {
  const a = cyrb53(text, 1).toString(36).padStart(11, '0').slice(-10);
  const b = cyrb53(text, 2).toString(36).padStart(11, '0').slice(-10);
  return a + b;
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
  for (const [role, prefix] of Object.entries(PREFIX) as Array<[Exclude<OrderRole, 'foreign'>, string]>) {
    if (clientOrderId.startsWith(prefix)) return role;
  }
  return 'foreign';
}

/** Whether an order is one of the daemon's protective orders (OCO or fractional stop). */
export const isProtectiveRole = (role: OrderRole): role is 'oco' | 'stop' => role === 'oco' || role === 'stop';

/** The broker's answer to a reused client_order_id: the order was already placed. */
export const isDuplicateClientOrderIdMessage = (message: string): boolean => /client_order_id must be unique/i.test(message);
