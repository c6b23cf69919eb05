import { describe, expect, it } from 'vitest';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { startClockDriver } from '../../../../src/sim/server/clock-driver.ts';
import { silentLogger } from '../../../../src/domain/silent-logger.ts';

const startTs = Date.parse('2024-05-01T13:25:00Z');
const exchangeAt = () =>
  createExchange({
    market: createSyntheticMarket({ seed: 3, symbols: ['SPY'] }),
    cash: 1000,
    startTs,
    seed: 3,
    spreadBps: 2,
    partialFillRate: 0,
  });

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('startClockDriver', () => {
  it('advances simulated time by elapsed wall time x speed', async () => {
    const exchange = exchangeAt();
    const wallStart = performance.now();
    const driver = startClockDriver(exchange, 600, silentLogger, 20);
    try {
      await until(() => exchange.now() >= startTs + 60_000);
      const wallMs = performance.now() - wallStart;
      // Never ahead of wall time x speed (plus one tick of slack).
      expect(exchange.now() - startTs).toBeLessThanOrEqual((wallMs + 25) * 600);
    } finally {
      driver.stop();
    }
    const stoppedAt = exchange.now();
    await new Promise((r) => setTimeout(r, 60));
    expect(exchange.now()).toBe(stoppedAt);
  });

  it('does nothing at speed 0', () => {
    const exchange = exchangeAt();
    startClockDriver(exchange, 0, silentLogger).stop();
    expect(exchange.now()).toBe(startTs);
  });
});
