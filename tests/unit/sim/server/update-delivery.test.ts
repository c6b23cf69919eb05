import { afterEach, describe, expect, it } from 'vitest';
import {
  createUpdateDelivery,
  type UpdateDelivery,
} from '../../../../src/sim/server/update-delivery.ts';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

let delivery: UpdateDelivery | undefined;
afterEach(() => delivery?.close());

describe('createUpdateDelivery', () => {
  it('delivers in order, after the current tick', async () => {
    const sent: string[] = [];
    delivery = createUpdateDelivery((f) => sent.push(f));
    delivery.push('a');
    delivery.push('b');
    expect(sent).toEqual([]);
    await tick();
    expect(sent).toEqual(['a', 'b']);
  });

  it('sends unheld updates within the same turn, batched after the synchronous work', async () => {
    const sent: Array<{ id: string }> = [];
    const typed = createUpdateDelivery<{ id: string }>((u) => sent.push(u));
    typed.push({ id: 'a' });
    typed.push({ id: 'b' });
    expect(sent).toEqual([]);
    await new Promise((r) => {
      process.nextTick(r);
    });
    expect(sent.map((u) => u.id)).toEqual(['a', 'b']);
    typed.close();
  });

  it('holds updates while a response is being written', async () => {
    const sent: string[] = [];
    delivery = createUpdateDelivery((f) => sent.push(f));
    const release = delivery.hold();
    delivery.push('a');
    await tick();
    expect(sent).toEqual([]);
    release();
    release();
    await tick();
    expect(sent).toEqual(['a']);
  });

  it('sends the next count updates twice', async () => {
    const sent: string[] = [];
    delivery = createUpdateDelivery((f) => sent.push(f));
    delivery.duplicateNext(2);
    for (const f of ['a', 'b', 'c']) delivery.push(f);
    await tick();
    expect(sent).toEqual(['a', 'a', 'b', 'b', 'c']);
  });

  it('delays updates by wall time and keeps their order', async () => {
    const sent: string[] = [];
    delivery = createUpdateDelivery((f) => sent.push(f));
    delivery.delay(60);
    const start = Date.now();
    delivery.push('a');
    await tick();
    delivery.delay(0);
    delivery.push('b');
    await tick();
    expect(sent).toEqual([]);
    await until(() => sent.length === 2);
    expect(sent).toEqual(['a', 'b']);
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
  });
});
