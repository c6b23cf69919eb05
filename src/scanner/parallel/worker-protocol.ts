/** @module The messages between the scan's main thread and its workers. */
import type { StrategyName } from '../../config/schema.ts';
import type { UnavailableStrategy } from '../scan/scan-market.ts';
import type { ScanOptions, TickerResult } from '../scan/ticker-scan.ts';
import type { StrategySettings } from '../strategies/strategy.ts';
import type { PackedMarket } from './shared-market.ts';

export interface WorkerInput {
  readonly market: PackedMarket;
  readonly names: readonly StrategyName[];
  readonly settings: StrategySettings;
  readonly options: ScanOptions;
  /** The universe, in order; each thread claims the next symbol to scan from `claims`. */
  readonly symbols: readonly string[];
  /** One Int32: the index of the next symbol to claim (Atomics.add), shared by every thread of the scan. */
  readonly claims: SharedArrayBuffer;
}

/** Main -> worker, first: the worker starts before the bars are loaded, and scans once they are. */
export interface MarketMessage {
  readonly kind: 'market';
  readonly input: WorkerInput;
}

/** Main -> worker, once the main thread has computed the cross-sectional data (the workers scan meanwhile). */
export interface SharedMessage {
  readonly kind: 'shared';
  readonly shared: Map<string, unknown>;
}

export type MainMessage = MarketMessage | SharedMessage;

export type WorkerMessage =
  | { readonly kind: 'ticker'; readonly scan: TickerResult }
  | { readonly kind: 'done'; readonly unavailable: readonly UnavailableStrategy[] };
