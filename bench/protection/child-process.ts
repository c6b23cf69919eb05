/** @module Starts bench/protection/child.ts in one of its roles, as a process of its own, and drives it over IPC. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage, ChildReply, ChildRole, ChildStamps } from './wire.ts';

export interface BenchChild {
  readonly rest: string;
  readonly stream: string;
  /** Asks for a fill (sim) or a bare event (floor); the child stamps it on the monotonic clock. */
  fill(id: string): void;
  /** Called with each id the child reports acknowledged (floor-client). */
  onAcked(listener: (id: string) => void): void;
  stamps(): Promise<ChildStamps>;
  stop(): Promise<void>;
}

export async function startChild(role: ChildRole, arg: string): Promise<BenchChild> {
  const child = fork(join(import.meta.dirname, 'child.ts'), [role, arg], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  let acked: (id: string) => void = () => undefined;
  let stamped: ((s: ChildStamps) => void) | undefined;
  let readied: ((r: { rest: string; stream: string }) => void) | undefined;
  child.on('message', (m: ChildReply) => {
    if ('acked' in m) acked(m.acked);
    else if ('stamps' in m) stamped?.(m);
    else readied?.(m.ready);
  });
  const ready = await new Promise<{ rest: string; stream: string }>((resolve, reject) => {
    readied = resolve;
    child.once('exit', (code) => {
      reject(new Error(`the ${role} process exited (${String(code)}) before it was ready`));
    });
  });
  const tell = (m: ChildMessage): void => {
    child.send(m);
  };
  return {
    ...ready,
    fill: (id) => {
      tell({ cmd: 'fill', id });
    },
    onAcked: (listener) => {
      acked = listener;
    },
    stamps: () =>
      new Promise<ChildStamps>((resolve) => {
        stamped = resolve;
        tell({ cmd: 'stamps' });
      }),
    stop: async () => {
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
