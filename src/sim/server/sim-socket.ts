/** @module The part of a server-side WebSocket the simulator's streams use: a `ws` socket, or an in-process one. */

export interface SimSocket {
  readonly readyState: number;
  readonly OPEN: number;
  /** `binary` false sends a text frame. */
  send(data: string | Buffer, options: { binary: boolean }): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(
    event: 'message',
    listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void,
  ): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** What an in-process client sends on connecting: the path and the upgrade's headers (lower-case names). */
export interface SocketRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}
