import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import { scrubProcessOutput } from '../../../src/cli/scrub-process-output.ts';

const SECRET = 'stdout-secret-42';

function sink(): { stream: NodeJS.WriteStream; written: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, written: () => Buffer.concat(chunks).toString('utf8') };
}

describe('scrubProcessOutput', () => {
  it('scrubs strings and bytes written by anyone, keeps the callback, and undoes itself', async () => {
    const { stream, written } = sink();
    const undo = scrubProcessOutput(makeScrubber([SECRET]), [stream]);
    stream.write(`text ${SECRET}\n`);
    stream.write(Buffer.from(`bytes ${JSON.stringify(SECRET)}\n`));
    stream.write(Buffer.from('clean bytes é\n'));
    await new Promise<void>((resolve) =>
      stream.write(`callback ${SECRET}\n`, () => {
        resolve();
      }),
    );
    undo();
    stream.write(`after undo ${SECRET}\n`);
    expect(written()).toBe(
      `text [REDACTED]\nbytes "[REDACTED]"\nclean bytes é\ncallback [REDACTED]\nafter undo ${SECRET}\n`,
    );
  });
});
