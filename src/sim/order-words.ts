/** @module An order's side and status words, shared by the exchange's order and account contracts. */
export type SimSide = 'buy' | 'sell';
export type SimOrderStatus =
  | 'accepted'
  | 'pending_new'
  | 'new'
  | 'partially_filled'
  | 'held'
  | 'pending_cancel'
  | 'pending_replace'
  | 'done_for_day'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'replaced'
  | 'rejected';
