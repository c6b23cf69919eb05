/** @module Builds the three Alpaca adapters (REST broker, trading stream, data stream) from one set of URLs. */
import type { Broker, Logger, MarketFeed, TradeUpdateFeed } from '../../domain/ports.ts';
import type { Scrub } from '../secrets/scrub.ts';
import { createAlpacaBroker } from './broker.ts';
import { createMarketFeed } from './market-feed.ts';
import { createTradeUpdateFeed } from './trade-updates.ts';

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
  /** Applied to broker error messages: the environment's scrubber (default: the credentials' own). */
  readonly scrub?: Scrub;
}

export interface AlpacaAdapters {
  readonly broker: Broker;
  readonly tradeFeed: TradeUpdateFeed;
  readonly marketFeed: MarketFeed;
}

export function createAlpaca(options: AlpacaOptions): AlpacaAdapters {
  options.log.debug({ endpoint: options.endpoint, dataEndpoint: options.dataEndpoint, streamUrl: options.streamUrl, dataStreamUrl: options.dataStreamUrl }, 'broker adapters created');
  return {
    broker: createAlpacaBroker({
      keyId: options.keyId,
      secretKey: options.secretKey,
      endpoint: options.endpoint,
      dataEndpoint: options.dataEndpoint,
      ...(options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute }),
      ...(options.dataFeed === undefined ? {} : { dataFeed: options.dataFeed }),
      ...(options.scrub === undefined ? {} : { scrub: options.scrub }),
    }),
    tradeFeed: createTradeUpdateFeed({ keyId: options.keyId, secretKey: options.secretKey, url: options.streamUrl }),
    marketFeed: createMarketFeed({ keyId: options.keyId, secretKey: options.secretKey, url: options.dataStreamUrl }),
  };
}
