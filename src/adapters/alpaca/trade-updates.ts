/** @module Alpaca's trading stream as a cold Observable of mapped trade updates and connection events. */
import { streaming } from '@alpacahq/alpaca-trade-api';
import { Observable } from 'rxjs';
import { BrokerError } from '../../domain/broker-error.ts';
import type { BadFrame, FeedEvent, TradeUpdate, TradeUpdateName } from '../../domain/events.ts';
import { price, qty } from '../../domain/money.ts';
import type { TradeUpdateFeed } from '../../domain/ports.ts';
import { epochNow, wallNow } from '../../domain/time/wall-clock.ts';
import { checkTradeUpdate } from './check-frame.ts';
import { toOrderReport } from './map.ts';

export interface StreamOptions {
  readonly keyId: string;
  readonly secretKey: string;
  readonly url: string;
  /** Builds the socket; tests of this adapter may pass a fake (STYLE example C). */
  readonly wsFactory?: streaming.WebSocketFactory;
}

/** Reconnect quickly and forever: a protective daemon must not give up on its broker. */
export const RECONNECT = {
  maxReconnectAttempts: streaming.UNLIMITED_RECONNECT_ATTEMPTS,
  initialReconnectMs: 250,
  maxReconnectMs: 5_000,
} as const;

const numOrNull = (v: unknown): number | null =>
  v === undefined || v === null || v === '' ? null : Number(v);

/** Maps a trade update that passed `checkTradeUpdate` (known event, broker timestamp, finite execution numbers). */
export function toTradeUpdate(u: streaming.TradeUpdate, tsReceived: number): TradeUpdate {
  const p = numOrNull(u.price);
  const q = numOrNull(u.qty);
  const pq = numOrNull(u.positionQty);
  return {
    kind: 'TradeUpdate',
    event: u.event as TradeUpdateName,
    order: toOrderReport(u.order),
    tsEvent: u.timestamp?.getTime() ?? Number.NaN,
    price: p === null ? null : price(p),
    qty: q === null ? null : qty(q),
    positionQty: pq === null ? null : qty(pq),
    executionId: u.executionId ?? null,
    tsReceived,
  };
}

/** A frame the SDK itself could not decode or hand over (its "failed to decode/process message" errors). */
const unreadable = (message: string): BadFrame | null =>
  /^failed to (decode|process) message/.test(message)
    ? { kind: 'BadFrame', feed: 'trading', reason: message, frame: {} }
    : null;

export function createTradeUpdateFeed(options: StreamOptions): TradeUpdateFeed {
  return {
    tradeUpdates$: () =>
      new Observable<TradeUpdate | FeedEvent | BadFrame>((subscriber) => {
        const stream = new streaming.TradingStream({
          credentials: { keyId: options.keyId, secret: options.secretKey },
          url: options.url,
          ...RECONNECT,
          ...(options.wsFactory === undefined ? {} : { wsFactory: options.wsFactory }),
        });
        let up = false;
        stream.onTradeUpdate((u) => {
          const at = wallNow();
          subscriber.next(checkTradeUpdate(u) ?? toTradeUpdate(u, at));
        });
        // Listening confirmed: from here on no event is missed, so this is the moment to resync over REST.
        stream.on(streaming.EVENT.SUBSCRIPTION, (streams: unknown) => {
          if (Array.isArray(streams) && streams.includes('trade_updates')) {
            up = true;
            subscriber.next({ kind: 'FeedResynced', feed: 'trading', tsEvent: epochNow() });
          }
        });
        stream.onStateChange((state) => {
          if (
            up &&
            (state === streaming.STATE.DISCONNECTED ||
              state === streaming.STATE.WAITING_TO_RECONNECT)
          ) {
            up = false;
            subscriber.next({
              kind: 'FeedDown',
              feed: 'trading',
              tsEvent: epochNow(),
              reason: state,
            });
          }
        });
        stream.onError((message) => {
          if (/auth failed|unauthorized/i.test(message)) {
            subscriber.error(
              new BrokerError('auth', `trading stream refused the credentials (${message})`),
            );
            return;
          }
          const bad = unreadable(message);
          if (bad !== null) subscriber.next(bad);
        });
        stream.subscribeTradeUpdates();
        stream.connect();
        return () => {
          stream.removeAllListeners();
          stream.disconnect();
        };
      }),
  };
}
