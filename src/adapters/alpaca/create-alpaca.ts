/** @module Builds the three Alpaca adapters (REST broker, trading stream, data stream) from one set of URLs. */
import type { streaming } from '@alpacahq/alpaca-trade-api';
import type { Broker, Logger, MarketFeed, TradeUpdateFeed } from '../../domain/ports.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { createAlpacaBroker } from './broker.ts';
import { createMarketFeed } from './market-feed.ts';
import type { FetchLike } from './node-http-fetch.ts';
import { createTradeUpdateFeed } from './trade-updates.ts';

/** How the SDK reaches the broker: by default node:http and the `ws` package; the in-process simulator's wire in chaos tests. */
export interface AlpacaTransport {
  readonly fetchApi: FetchLike;
  readonly wsFactory: streaming.WebSocketFactory;
}

export interface AlpacaOptions {
  readonly keyId: string;
  readonly secretKey: string;
  readonly endpoint: string;
  readonly dataEndpoint: string;
  readonly streamUrl: string;
  readonly dataStreamUrl: string;
  readonly requestsPerMinute?: number;
  readonly dataFeed?: 'iex' | 'sip';
  readonly log: Logger;
  readonly transport?: AlpacaTransport;
  /** Applied to broker error messages: the environment's scrubber (default: the credentials' own). */
  readonly scrub?: Scrub;
}

export interface AlpacaAdapters {
  readonly broker: Broker;
  readonly tradeFeed: TradeUpdateFeed;
  readonly marketFeed: MarketFeed;
}

export function createAlpaca(options: AlpacaOptions): AlpacaAdapters {
  options.log.debug(
    {
      endpoint: options.endpoint,
      dataEndpoint: options.dataEndpoint,
      streamUrl: options.streamUrl,
      dataStreamUrl: options.dataStreamUrl,
    },
    'broker adapters created',
  );
  const ws = options.transport === undefined ? {} : { wsFactory: options.transport.wsFactory };
  return {
    broker: createAlpacaBroker({
      keyId: options.keyId,
      secretKey: options.secretKey,
      endpoint: options.endpoint,
      dataEndpoint: options.dataEndpoint,
      ...(options.requestsPerMinute === undefined
        ? {}
        : { requestsPerMinute: options.requestsPerMinute }),
      ...(options.dataFeed === undefined ? {} : { dataFeed: options.dataFeed }),
      ...(options.transport === undefined ? {} : { fetchApi: options.transport.fetchApi }),
      ...(options.scrub === undefined ? {} : { scrub: options.scrub }),
    }),
    tradeFeed: createTradeUpdateFeed({
      keyId: options.keyId,
      secretKey: options.secretKey,
      url: options.streamUrl,
      ...ws,
    }),
    marketFeed: createMarketFeed({
      keyId: options.keyId,
      secretKey: options.secretKey,
      url: options.dataStreamUrl,
      ...ws,
    }),
  };
}
