/**
 * @module A reader that goes away (`strikeline status --help | head -1`) is not a failure: a write to a closed
 * stdout or stderr (EPIPE) is dropped quietly and the command ends with its own exit code. The command is not cut
 * short, so a money path finishes its work and journal whoever reads its output. Any other stream error still throws.
 */
type ErrnoError = Error & { readonly code?: unknown };

export function quietBrokenPipe(
  streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr],
): void {
  for (const stream of streams) {
    stream.on('error', (e: ErrnoError) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}
