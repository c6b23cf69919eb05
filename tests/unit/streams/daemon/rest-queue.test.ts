import { describe, expect, it } from 'vitest';
import type { Broker, OrderQuery } from '../../../../src/domain/ports.ts';
import {
  createRestQueue,
  DEFAULT_PRIORITIES,
  PRIORITY,
  prioritizedBroker,
} from '../../../../src/streams/daemon/rest-queue.ts';

describe('the REST queue', () => {
  it('starts a call at once while the window has room', async () => {
    const queue = createRestQueue({ requestsPerMinute: 200 });
    let started = false;
    const done = queue.add(() => {
      started = true;
      return Promise.resolve();
    });
    expect(started).toBe(true);
    await done;
  });

  it('never starts more than the limit within a minute', () => {
    const queue = createRestQueue({ requestsPerMinute: 2 });
    const started: string[] = [];
    for (const name of ['a', 'b', 'c'])
      void queue.add(() => {
        started.push(name);
        return new Promise<void>(() => undefined);
      });
    expect(started).toEqual(['a', 'b']);
    expect(queue.size).toBe(1);
    queue.clear();
  });

  it('runs a waiting order before waiting reads', async () => {
    const queue = createRestQueue({ requestsPerMinute: 200, concurrency: 1 });
    const ran: string[] = [];
    let release = (): void => undefined;
    const first = queue.add(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const audit = queue.add(
      () => {
        ran.push('audit');
        return Promise.resolve();
      },
      { priority: PRIORITY.audit },
    );
    const order = queue.add(
      () => {
        ran.push('order');
        return Promise.resolve();
      },
      { priority: PRIORITY.order },
    );
    release();
    await Promise.all([first, audit, order]);
    expect(ran).toEqual(['order', 'audit']);
  });

  it('ranks orders, then resolutions, then audits, then the rest', () => {
    expect(DEFAULT_PRIORITIES.submitOrder).toBeGreaterThan(DEFAULT_PRIORITIES.getOrderByClientId);
    expect(DEFAULT_PRIORITIES.cancelOrder).toBe(DEFAULT_PRIORITIES.submitOrder);
    expect(DEFAULT_PRIORITIES.getOrderByClientId).toBeGreaterThan(DEFAULT_PRIORITIES.listPositions);
    expect(DEFAULT_PRIORITIES.listPositions).toBeGreaterThan(DEFAULT_PRIORITIES.getBars);
  });

  it("puts a soft exit's open-order sweep (urgent listing) before waiting audits", async () => {
    const queue = createRestQueue({ requestsPerMinute: 200, concurrency: 1 });
    const listed: string[] = [];
    let release = (): void => undefined;
    const first = queue.add(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const fake = {
      listOrders: (q: OrderQuery) => {
        listed.push(q.urgent === true ? 'sweep' : 'audit');
        return Promise.resolve([]);
      },
    } as unknown as Broker;
    const broker = prioritizedBroker(fake, queue);
    const audit = broker.listOrders({ status: 'open' });
    const sweep = broker.listOrders({ status: 'open', symbols: ['AAPL'], urgent: true });
    release();
    await Promise.all([first, audit, sweep]);
    expect(listed).toEqual(['sweep', 'audit']);
  });
});
