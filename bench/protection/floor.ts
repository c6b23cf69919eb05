/**
 * @module The bare floor of the loopback benchmark, in two processes of their own: a raw `ws` server sends an event
 * (binary frame, the size of a simulator fill) and a raw HTTP server answers a POST with a body the size of the
 * order it would acknowledge; a raw `ws` client parses the event and answers with a raw HTTP POST (keep-alive, the
 * size of the protective OCO request). Measured from the server's send to the end of the POST's answer at the
 * client, as the simulated fill to the protective order's acknowledgement at the daemon.
 */
import { startChild } from './child-process.ts';
import type { PayloadSizes } from './wire.ts';
import { latencyRecorder, type Latency } from './stats.ts';

/** One bare exchange and its raw client; `once()` sends one event and resolves when the client holds the answer. */
export interface Floor {
  once(): Promise<void>;
  result(warmup: number): Promise<Latency>;
  close(): Promise<void>;
}

/**
 * `http`: node:http with a keep-alive agent (the bare floor). `fetch`: Node's fetch (undici), the SDK's default
 * HTTP client, to show what that client alone costs.
 */
export async function openFloor(
  sizes: PayloadSizes,
  client: 'http' | 'fetch' = 'http',
): Promise<Floor> {
  const server = await startChild('floor', JSON.stringify(sizes));
  const answering = await startChild(
    'floor-client',
    JSON.stringify({
      rest: server.rest,
      stream: server.stream,
      postBytes: sizes.postBytes,
      client,
    }),
  );
  let next = 0;
  return {
    once: () =>
      new Promise<void>((resolve, reject) => {
        const id = `e${String(next)}`;
        next += 1;
        const timer = setTimeout(() => {
          reject(new Error(`the floor's client did not answer event ${id} within 10 s`));
        }, 10_000);
        answering.onAcked((acked) => {
          if (acked !== id) return;
          clearTimeout(timer);
          resolve();
        });
        server.fill(id);
      }),
    result: async (warmup) => {
      const [sent, answered] = [(await server.stamps()).stamps, (await answering.stamps()).stamps];
      const recorder = latencyRecorder(
        client === 'http'
          ? 'floor: raw ws event -> raw HTTP POST answered'
          : 'floor with fetch (undici) as the client',
      );
      for (let i = warmup; i < next; i += 1) {
        const id = `e${String(i)}`;
        const [t0, t1] = [sent[id], answered[id]];
        if (t0 !== undefined && t1 !== undefined) recorder.recordMs(t1 - t0);
      }
      return recorder.result();
    },
    close: async () => {
      await answering.stop();
      await server.stop();
    },
  };
}
