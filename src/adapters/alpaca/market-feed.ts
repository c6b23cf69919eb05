/** @module Alpaca's stock data stream as cold Observables of trades and of minute bars, over one shared connection. */
import type { streaming } from '@alpacahq/alpaca-trade-api';
import { Observable, type Subscriber } from 'rxjs';
import type { BadFrame, FeedEvent, MarketBar, MarketTrade } from '../../domain/events.ts';
import { price } from '../../domain/money.ts';
import type { MarketFeed } from '../../domain/ports.ts';
import { checkMarketBar, checkMarketTrade } from './check-frame.ts';
import {
  marketSocket,
  type MarketChannel,
  type MarketListener,
  type MarketSocket,
} from './market-socket.ts';
import type { StreamOptions } from './trade-updates.ts';

type Out = MarketTrade | MarketBar | FeedEvent | BadFrame;

/** A listener per subscriber: it hears its channel's frames for its symbols and the socket's state. */
interface Tap extends MarketListener {
  readonly next: (e: Out) => void;
}

const toTrade = (t: streaming.StreamTrade): MarketTrade | BadFrame =>
  checkMarketTrade(t) ?? {
    kind: 'MarketTrade',
    symbol: t.symbol,
    price: price(t.price),
    size: t.size,
    tsEvent: t.timestamp.getTime(),
  };

const toBar = (b: streaming.StreamBar): MarketBar | BadFrame =>
  checkMarketBar(b) ?? {
    kind: 'MarketBar',
    symbol: b.symbol,
    bar: {
      ts: b.timestamp.getTime(),
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
    },
  };

function deliver(
  e: MarketTrade | MarketBar | BadFrame,
  listeners: readonly MarketListener[],
): void {
  for (const l of listeners as readonly Tap[]) {
    // A malformed frame may carry no symbol: every listener of the channel hears of it.
    if (e.kind === 'BadFrame' || l.symbols?.has(e.symbol) === true) l.next(e);
  }
}

function channel$<T extends Out>(
  socket: MarketSocket,
  channel: MarketChannel,
  symbols$: Observable<readonly string[]>,
): Observable<T> {
  return new Observable<T>((subscriber: Subscriber<T>) => {
    const tap: Tap = {
      channel,
      symbols: null,
      next: (e) => {
        subscriber.next(e as T);
      },
      feed: (e) => {
        subscriber.next(e as T);
      },
      fail: (e) => {
        subscriber.error(e);
      },
    };
    socket.attach(tap);
    const symbolsSub = symbols$.subscribe({
      next: (symbols) => {
        tap.symbols = new Set(symbols);
        socket.update();
      },
      error: (e: unknown) => {
        subscriber.error(e);
      },
    });
    return () => {
      symbolsSub.unsubscribe();
      socket.detach(tap);
    };
  });
}

export function createMarketFeed(options: StreamOptions): MarketFeed {
  const socket = marketSocket(options, {
    trade: (t, listeners) => {
      deliver(toTrade(t), listeners);
    },
    bar: (b, listeners) => {
      deliver(toBar(b), listeners);
    },
  });
  return {
    trades$: (symbols$) => channel$<MarketTrade | FeedEvent | BadFrame>(socket, 'trades', symbols$),
    bars$: (symbols$) => channel$<MarketBar | FeedEvent | BadFrame>(socket, 'bars', symbols$),
  };
}
