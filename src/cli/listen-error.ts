/** @module A server that could not take its port, said for people: which port, why, and how to pick another. */

/** Why a listen failed, in one line, or undefined when the error is not about the port. */
export function explainListenError(e: unknown, port: number, flag = '--port'): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const where = `port ${port} on 127.0.0.1`;
  if (code === 'EADDRINUSE') {
    return `${where} is already in use (another strikeline sim?): pick another with ${flag} N, or ${flag} 0 for any free port (the ready line names it)`;
  }
  if (code === 'EACCES') {
    return `${where} needs privileges this user does not have: pick a port above 1023 with ${flag} N, or ${flag} 0 for any free port`;
  }
  return undefined;
}
