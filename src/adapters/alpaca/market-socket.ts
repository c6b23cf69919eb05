/**
 * @module The one data-stream connection of the account (Alpaca allows one): every subscriber of trades or
 * minute bars is a listener of it with its own symbols; the socket subscribes the union of each channel, opens on
 * the first symbols and closes with its last listener. A refused login fails every listener. A listener that
 * leaves while others stay marks the socket suspect (its consumer may have judged it dead, e.g. silent for too
 * long): the next listener to come opens a fresh one.
 */
import { streaming } from '@alpacahq/alpaca-trade-api';
import { BrokerError } from '../../domain/broker-error.ts';
import type { FeedEvent } from '../../domain/events.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';
import { RECONNECT, type StreamOptions } from './trade-updates.ts';

export type MarketChannel = 'trades' | 'bars';

export interface MarketListener {
  readonly channel: MarketChannel;
  /** Its symbols (set by `update`); null until it emitted its first list. */
  symbols: ReadonlySet<string> | null;
  feed(e: FeedEvent): void;
  fail(e: BrokerError): void;
}

export interface MarketSocketHandlers {
  trade(t: streaming.StreamTrade, listeners: readonly MarketListener[]): void;
  bar(b: streaming.StreamBar, listeners: readonly MarketListener[]): void;
}

export interface MarketSocket {
  attach(l: MarketListener): void;
  /** After a listener's symbols changed: the socket's subscriptions follow (and it connects on the first list). */
  update(): void;
  detach(l: MarketListener): void;
}

interface Connection {
  readonly stream: streaming.StockDataStream;
  readonly subscribed: Record<MarketChannel, Set<string>>;
  up: boolean;
  connected: boolean;
  suspect: boolean;
}

const feedEvent = (kind: 'FeedResynced' | 'FeedDown', reason?: string): FeedEvent =>
  kind === 'FeedResynced'
    ? { kind, feed: 'market', tsEvent: epochNow() }
    : { kind, feed: 'market', tsEvent: epochNow(), reason: reason ?? 'down' };

export function marketSocket(options: StreamOptions, handlers: MarketSocketHandlers): MarketSocket {
  const listeners = new Set<MarketListener>();
  let conn: Connection | null = null;
  const all = (): MarketListener[] => [...listeners];

  const close = (): void => {
    if (conn === null) return;
    conn.stream.removeAllListeners();
    conn.stream.disconnect();
    conn = null;
  };

  const open = (): Connection => {
    const stream = new streaming.StockDataStream({
      credentials: { keyId: options.keyId, secret: options.secretKey },
      url: options.url,
      ...RECONNECT,
      ...(options.wsFactory === undefined ? {} : { wsFactory: options.wsFactory }),
    });
    const c: Connection = {
      stream,
      subscribed: { trades: new Set(), bars: new Set() },
      up: false,
      connected: false,
      suspect: false,
    };
    stream.onTrade((t) => {
      handlers.trade(
        t,
        all().filter((l) => l.channel === 'trades'),
      );
    });
    stream.onBar((b) => {
      handlers.bar(
        b,
        all().filter((l) => l.channel === 'bars'),
      );
    });
    stream.onConnect(() => {
      c.up = true;
      for (const l of all()) l.feed(feedEvent('FeedResynced'));
    });
    stream.onStateChange((state) => {
      if (
        c.up &&
        (state === streaming.STATE.DISCONNECTED || state === streaming.STATE.WAITING_TO_RECONNECT)
      ) {
        c.up = false;
        for (const l of all()) l.feed(feedEvent('FeedDown', state));
      }
    });
    stream.onError((message) => {
      const refused = /auth failed|not authenticated/i.test(message);
      // 404: no login seen in time. Slowness, not a refusal; the SDK gives up on it, so the listeners fail as
      // transient and their retries connect again.
      if (!refused && !/auth timeout/i.test(message)) return;
      const error = refused
        ? new BrokerError('auth', `market data stream refused the credentials (${message})`)
        : new BrokerError('transient', `market data stream login timed out (${message})`);
      close();
      for (const l of all()) l.fail(error);
    });
    return c;
  };

  const sync = (c: Connection): void => {
    for (const channel of ['trades', 'bars'] as const) {
      const wanted = new Set(
        all()
          .filter((l) => l.channel === channel)
          .flatMap((l) => [...(l.symbols ?? [])]),
      );
      const added = [...wanted].filter((s) => !c.subscribed[channel].has(s));
      const removed = [...c.subscribed[channel]].filter((s) => !wanted.has(s));
      c.subscribed[channel] = wanted;
      if (channel === 'trades') {
        if (added.length > 0) c.stream.subscribeForTrades(added);
        if (removed.length > 0) c.stream.unsubscribeFromTrades(removed);
      } else {
        if (added.length > 0) c.stream.subscribeForBars(added);
        if (removed.length > 0) c.stream.unsubscribeFromBars(removed);
      }
    }
    if (!c.connected && all().some((l) => l.symbols !== null)) {
      c.connected = true;
      c.stream.connect();
    }
  };

  return {
    attach(l) {
      if (conn?.suspect === true) {
        close();
        for (const other of all())
          other.feed(feedEvent('FeedDown', 'reconnecting for a new subscriber'));
      }
      listeners.add(l);
      if (conn === null) conn = open();
      else if (conn.up) l.feed(feedEvent('FeedResynced'));
      sync(conn);
    },
    update() {
      if (conn !== null) sync(conn);
    },
    detach(l) {
      if (!listeners.delete(l)) return;
      if (listeners.size === 0) close();
      else if (conn !== null) {
        conn.suspect = true;
        sync(conn);
      }
    },
  };
}
