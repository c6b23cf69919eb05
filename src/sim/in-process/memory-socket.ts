/**
 * @module A WebSocket connection inside one process: the client half has the surface the official SDK uses
 * (`on`, `send`, `close`, `terminate`, `ping`, `readyState`), the server half the surface the simulator's
 * streams use. Every message and close crosses after `latencyMs` on the timers, so fake timers control it.
 */
import type { SimSocket } from '../server/sim-socket.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Listener = (...args: unknown[]) => void;

/** Rewrites or drops what the server sends (faults): the frames to deliver instead, each with an extra delay. */
export type FrameTap = (
  data: Buffer,
  isBinary: boolean,
) => ReadonlyArray<{ readonly data: Buffer; readonly delayMs: number }>;

const passThrough: FrameTap = (data) => [{ data, delayMs: 0 }];

class Listeners {
  private readonly byEvent = new Map<string, Listener[]>();
  on(event: string, fn: Listener): void {
    this.byEvent.set(event, [...(this.byEvent.get(event) ?? []), fn]);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.byEvent.get(event) ?? []) fn(...args);
  }
}

/** The state both halves share. */
class Link {
  state = CONNECTING;
  readonly client = new Listeners();
  readonly server = new Listeners();
  constructor(
    readonly latencyMs: number,
    readonly tap: FrameTap,
  ) {}

  later(fn: () => void, extraMs = 0): void {
    setTimeout(fn, this.latencyMs + extraMs);
  }

  shutDown(delayMs: number): void {
    if (this.state === CLOSED || this.state === CLOSING) return;
    const wasOpen = this.state === OPEN;
    this.state = CLOSING;
    setTimeout(() => {
      this.state = CLOSED;
      if (wasOpen) this.server.emit('close', 1006, Buffer.from(''));
      this.client.emit('close', 1006, Buffer.from(''));
    }, delayMs);
  }
}

class MemoryServerSocket implements SimSocket {
  readonly OPEN = OPEN;
  constructor(private readonly link: Link) {}
  get readyState(): number {
    return this.link.state;
  }
  send(data: string | Buffer, options: { binary: boolean }): void {
    const link = this.link;
    if (link.state !== OPEN) return;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (const out of link.tap(bytes, options.binary)) {
      link.later(() => {
        if (link.state === OPEN) link.client.emit('message', out.data, options.binary);
      }, out.delayMs);
    }
  }
  close(): void {
    this.link.shutDown(this.link.latencyMs);
  }
  terminate(): void {
    this.link.shutDown(0);
  }
  on(event: 'message' | 'close' | 'error', fn: (...args: never[]) => void): this {
    this.link.server.on(event, fn as Listener);
    return this;
  }
}

/** The client half, as the SDK's `wsFactory` returns it. */
export class MemoryClientSocket {
  readonly server: SimSocket;
  private readonly link: Link;

  constructor(latencyMs: number, tap: FrameTap = passThrough) {
    this.link = new Link(latencyMs, tap);
    this.server = new MemoryServerSocket(this.link);
  }

  get readyState(): number {
    return this.link.state;
  }

  /** The handshake answered: accepted opens both halves, refused fails the client as a 503 upgrade would. */
  settle(accepted: boolean): void {
    if (this.link.state !== CONNECTING) return;
    if (!accepted) {
      this.link.state = CLOSED;
      this.link.client.emit('error', new Error('Unexpected server response: 503'));
      this.link.client.emit('close', 1006, Buffer.from(''));
      return;
    }
    this.link.state = OPEN;
    this.link.client.emit('open');
  }

  on(event: string, fn: Listener): this {
    this.link.client.on(event, fn);
    return this;
  }

  send(data: string | Uint8Array): void {
    const link = this.link;
    if (link.state !== OPEN) return;
    const isBinary = typeof data !== 'string';
    const bytes = Buffer.from(data);
    link.later(() => {
      if (link.state === OPEN) link.server.emit('message', bytes, isBinary);
    });
  }

  ping(): void {
    const link = this.link;
    if (link.state !== OPEN) return;
    link.later(() => {
      if (link.state === OPEN) link.client.emit('pong');
    }, link.latencyMs);
  }

  close(): void {
    this.link.shutDown(this.link.latencyMs);
  }

  terminate(): void {
    this.link.shutDown(0);
  }
}
