/** @module Alpaca's stock data stream as a cold Observable of trades for a changing set of symbols. */
import { streaming } from '@alpacahq/alpaca-trade-api';
import { Observable, type Subscription } from 'rxjs';
import { BrokerError } from '../../domain/broker-error.ts';
import type { BadFrame, FeedEvent, MarketTrade } from '../../domain/events.ts';
import { price } from '../../domain/money.ts';
import type { MarketFeed } from '../../domain/ports.ts';
import { checkMarketTrade } from './check-frame.ts';
import { RECONNECT, type StreamOptions } from './trade-updates.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';

export function createMarketFeed(options: StreamOptions): MarketFeed {
  return {
    trades$: (symbols$) =>
      new Observable<MarketTrade | FeedEvent | BadFrame>((subscriber) => {
        const stream = new streaming.StockDataStream({
          credentials: { keyId: options.keyId, secret: options.secretKey },
          url: options.url,
          ...RECONNECT,
          ...(options.wsFactory === undefined ? {} : { wsFactory: options.wsFactory }),
        });
        let current = new Set<string>();
        let up = false;
        let connected = false;
        stream.onTrade((t) => {
          subscriber.next(checkMarketTrade(t) ?? { kind: 'MarketTrade', symbol: t.symbol, price: price(t.price), size: t.size, tsEvent: t.timestamp.getTime() });
        });
        stream.onConnect(() => {
          up = true;
          subscriber.next({ kind: 'FeedResynced', feed: 'market', tsEvent: epochNow() });
        });
        stream.onStateChange((state) => {
          if (up && (state === streaming.STATE.DISCONNECTED || state === streaming.STATE.WAITING_TO_RECONNECT)) {
            up = false;
            subscriber.next({ kind: 'FeedDown', feed: 'market', tsEvent: epochNow(), reason: state });
          }
        });
        stream.onError((message) => {
          if (/auth failed|not authenticated/i.test(message)) {
            subscriber.error(new BrokerError('auth', `market data stream refused the credentials (${message})`));
          } else if (/auth timeout/i.test(message)) {
            // 404: the server saw no login in time. Slowness, not a refusal; the SDK gives up on it, so the
            // feed fails as transient and its retry connects again.
            subscriber.error(new BrokerError('transient', `market data stream login timed out (${message})`));
          }
        });
        const symbolsSub: Subscription = symbols$.subscribe({
          next: (symbols) => {
            const next = new Set(symbols);
            const added = [...next].filter((s) => !current.has(s));
            const removed = [...current].filter((s) => !next.has(s));
            current = next;
            if (added.length > 0) stream.subscribeForTrades(added);
            if (removed.length > 0) stream.unsubscribeFromTrades(removed);
            if (!connected) {
              connected = true;
              stream.connect();
            }
          },
          error: (e: unknown) => { subscriber.error(e); },
        });
        return () => {
          symbolsSub.unsubscribe();
          stream.removeAllListeners();
          stream.disconnect();
        };
      }),
  };
}
