/** @module The only place that constructs adapters from the environment and configuration (STYLE §1). */
import { requireCredentials } from '../config/env.ts';
import { createAlpaca, type AlpacaAdapters } from '../adapters/alpaca/create-alpaca.ts';
import { createFileKillSwitch, type FileKillSwitch } from '../adapters/killswitch/file-kill-switch.ts';
import type { Context } from './context.ts';

/** The broker and its two streams, pointed at ALPACA_ENDPOINT (Alpaca or the simulator). */
export function composeAlpaca(ctx: Context): AlpacaAdapters {
  const { keyId, secretKey } = requireCredentials(ctx.env);
  return createAlpaca({
    keyId,
    secretKey,
    endpoint: ctx.env.endpoint,
    dataEndpoint: ctx.env.dataEndpoint,
    streamUrl: ctx.env.streamUrl,
    dataStreamUrl: ctx.env.dataStreamUrl,
    requestsPerMinute: ctx.config.broker.requests_per_minute,
    dataFeed: ctx.config.broker.data_feed,
    log: ctx.log.child({ component: 'alpaca' }),
    scrub: ctx.scrub,
  });
}

/** The kill switch of this root: killswitch/HALT, or TRADING_DISABLED; `who` is recorded when it engages. */
export function composeKillSwitch(ctx: Context, who?: string): FileKillSwitch {
  return createFileKillSwitch({ path: ctx.paths.halt, tradingDisabled: ctx.env.tradingDisabled, scrub: ctx.scrub, ...(who === undefined ? {} : { who }) });
}
