/** @module A feed that stopped delivering while it should: an error, so that it takes the reconnect path. */

export class FeedStaleError extends Error {
  override readonly name = 'FeedStaleError';
  constructor(
    readonly feed: string,
    readonly staleMs: number,
  ) {
    super(`${feed} feed silent for more than ${staleMs} ms`);
  }
}
