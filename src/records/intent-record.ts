/** @module The order intent journaled in LMDB (table `intents`, keyed by client_order_id) before an entry is sent. */

export type IntentStatus = 'pending' | 'submitted' | 'rejected' | 'unknown' | 'fell_back';

export interface IntentRecord {
  readonly clientOrderId: string;
  readonly day: string;
  readonly symbol: string;
  readonly strategy: string;
  readonly side: 'buy';
  readonly notional: number | null;
  readonly qty: number | null;
  readonly allocation: number;
  readonly price: number | null;
  readonly status: IntentStatus;
  readonly brokerOrderId: string | null;
  readonly brokerStatus: string | null;
  readonly reason: string;
  /** Set when a "not fractionable" rejection moved the entry to its whole-share retry. */
  readonly fallbackClientOrderId: string | null;
  readonly tsCreated: number;
  readonly tsUpdated: number;
}

export const INTENTS_TABLE = 'intents';
