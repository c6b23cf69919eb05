/**
 * @module The edge of stdout and stderr: every write of the process passes the scrubber, whoever makes it (a
 * command's output, its one failure line, commander's messages, a library), so no command has to remember to.
 */
import type { Scrub } from '../domain/secrets/scrub.ts';

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

function scrubbedWrite(write: Write, scrub: Scrub): Write {
  return (chunk, ...rest) => {
    if (typeof chunk === 'string') return write(scrub(chunk), ...rest);
    if (chunk instanceof Uint8Array) {
      const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
      const clean = scrub(text);
      return write(clean === text ? chunk : Buffer.from(clean, 'utf8'), ...rest);
    }
    return write(chunk, ...rest);
  };
}

/** Routes every later write to `streams` (default stdout and stderr) through `scrub`; returns the undo. */
export function scrubProcessOutput(
  scrub: Scrub,
  streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr],
): () => void {
  const originals = streams.map((stream) => stream.write.bind(stream) as Write);
  const install = (make: (original: Write) => Write) => {
    streams.forEach((stream, i) => {
      const original = originals[i];
      if (original !== undefined) stream.write = make(original);
    });
  };
  install((original) => scrubbedWrite(original, scrub));
  return () => {
    install((original) => original);
  };
}
