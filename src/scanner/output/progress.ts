/**
 * @module Progress on stderr for the scan and the research: a cli-progress bar on a terminal, plain lines
 * otherwise (cron logs): one at the start of a phase, one per 25% and one at the end.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = {
  start: () => undefined,
  update: () => undefined,
  stop: () => undefined,
};

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  command = 'scan',
): Progress {
  if (stream.isTTY === true) {
    let bar: SingleBar | undefined;
    return {
      start(label, total) {
        bar?.stop();
        bar = new SingleBar({
          format: `${command}: ${label.padEnd(22)} [{bar}] {value}/{total}`,
          stream,
          hideCursor: true,
          clearOnComplete: false,
        });
        bar.start(total, 0);
      },
      update: (done) => bar?.update(done),
      stop() {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  let label = '';
  let total = 0;
  let next = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      next = 0.25;
      stream.write(`${command}: ${label} 0/${total}\n`);
    },
    update(done) {
      if (total === 0 || done / total < next) return;
      while (next <= done / total) next += 0.25;
      stream.write(`${command}: ${label} ${done}/${total}\n`);
    },
    stop: () => undefined,
  };
}
