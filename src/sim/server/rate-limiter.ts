/** @module One-minute windows of wall time per API key, opened by the first request, reported in Alpaca's `X-RateLimit-*` headers. */

export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Unix seconds when the window resets. */
  readonly reset: number;
}

export interface RateLimiter {
  /** Counts one request for the key (when `count`) and says whether it is within the limit. */
  take(key: string, count?: boolean): RateDecision;
}

/** `limitPerMinute` requests per key per wall minute; `wallNow` is injectable for tests. */
export function createRateLimiter(
  limitPerMinute: number,
  wallNow: () => number = Date.now,
): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(key, count = true) {
      const now = wallNow();
      let w = windows.get(key);
      // A window opens with the first request after the previous one ended, so a burst never straddles two.
      if (w === undefined || now >= w.start + 60_000) {
        w = { start: now, used: 0 };
        windows.set(key, w);
      }
      const start = w.start;
      const allowed = w.used < limitPerMinute;
      if (count && allowed) w.used += 1;
      return {
        allowed: !count || allowed,
        limit: limitPerMinute,
        remaining: Math.max(0, limitPerMinute - w.used),
        reset: Math.ceil((start + 60_000) / 1000),
      };
    },
  };
}

export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': String(d.reset),
  };
}
