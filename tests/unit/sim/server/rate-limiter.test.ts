import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitHeaders } from '../../../../src/sim/server/rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows the limit per key per minute from its first request, then refuses until that minute ends', () => {
    let now = Date.parse('2024-05-01T13:30:10Z');
    const limiter = createRateLimiter(2, () => now);
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 0 });
    const refused = limiter.take('a');
    expect(refused.allowed).toBe(false);
    expect(refused.reset).toBe(Date.parse('2024-05-01T13:31:10Z') / 1000);
    now += 59_999;
    expect(limiter.take('a').allowed).toBe(false);
    now += 1;
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('reports without counting when asked', () => {
    const limiter = createRateLimiter(1, () => 0);
    expect(limiter.take('a', false)).toMatchObject({ allowed: true, remaining: 1 });
    expect(rateLimitHeaders(limiter.take('a'))).toEqual({
      'X-RateLimit-Limit': '1',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '60',
    });
  });
});
