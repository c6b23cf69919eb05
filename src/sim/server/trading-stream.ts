/**
 * @module The trading stream at `/stream` (ALPACA.md §3.1, §11): JSON in binary frames, authenticate, idempotent
 * listen, terminal unauthorized, trade_updates broadcast to listening sessions, no replay after reconnect.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import type { SimSocket, SocketRequest } from './sim-socket.ts';
import type { Logger } from '../../domain/ports.ts';

export interface TradingStreamOptions {
  readonly credentials: { readonly key: string; readonly secret: string };
  /** Send text frames instead of Alpaca's binary frames (debugging with wscat). */
  readonly textFrames?: boolean;
  /** Close sessions that have not authenticated within this many ms (default 30 s). */
  readonly authTimeoutMs?: number;
  readonly log?: Logger;
}

export interface TradingStreamServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Takes a connected in-process socket; false (and the socket untouched) when an upgrade would be refused. */
  accept(ws: SimSocket, req: SocketRequest): boolean;
  /** Sends a serialised `trade_updates` frame to every authenticated session listening to trade_updates. */
  broadcast(frame: string): void;
  /** Terminates every session (fault `drop_streams`, shutdown). */
  closeAll(): void;
  /** Answers upgrades with 503 for the next `ms` wall milliseconds. */
  refuseFor(ms: number): void;
  connections(): number;
}

interface Session {
  authenticated: boolean;
  listening: boolean;
}

type Frame = { action?: unknown; data?: unknown; key?: unknown; secret?: unknown };

const frame = (stream: string, data: unknown): string => JSON.stringify({ stream, data });

export function createTradingStreamServer(options: TradingStreamOptions): TradingStreamServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const sessions = new Map<SimSocket, Session>();
  const sockets = new WeakMap<SimSocket, Duplex>();
  let refuseUntil = 0;
  // Frames sent in one turn (an order's `new` then its `fill`) leave in one write: the socket is corked
  // until the turn's other ticks have run.
  const corked = new Set<Duplex>();
  const corkUntilNextTick = (socket: Duplex | undefined): void => {
    if (socket === undefined || corked.has(socket)) return;
    corked.add(socket);
    socket.cork();
    process.nextTick(() => {
      corked.delete(socket);
      socket.uncork();
    });
  };
  const send = (ws: SimSocket, text: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    corkUntilNextTick(sockets.get(ws));
    ws.send(options.textFrames ? text : Buffer.from(text), { binary: !options.textFrames });
  };

  const authenticate = (ws: SimSocket, session: Session, f: Frame): void => {
    const data = (typeof f.data === 'object' && f.data !== null ? f.data : {}) as Record<
      string,
      unknown
    >;
    const key = f.action === 'auth' ? f.key : data.key_id;
    const secret = f.action === 'auth' ? f.secret : data.secret_key;
    if (key === options.credentials.key && secret === options.credentials.secret) {
      session.authenticated = true;
      send(ws, frame('authorization', { action: 'authenticate', status: 'authorized' }));
      return;
    }
    options.log?.warn({}, 'trading stream: authentication refused');
    send(
      ws,
      frame('authorization', {
        action: 'authenticate',
        status: 'unauthorized',
        message: 'access key verification failed',
      }),
    );
    ws.close(1008, 'unauthorized');
  };

  const listen = (ws: SimSocket, session: Session, f: Frame): void => {
    if (!session.authenticated) {
      send(ws, frame('authorization', { action: 'listen', status: 'unauthorized' }));
      return;
    }
    const data = (typeof f.data === 'object' && f.data !== null ? f.data : {}) as {
      streams?: unknown;
    };
    const streams = Array.isArray(data.streams) ? data.streams : [];
    session.listening = streams.includes('trade_updates');
    send(ws, frame('listening', { streams: session.listening ? ['trade_updates'] : [] }));
  };

  const onMessage = (ws: SimSocket, session: Session, raw: RawData): void => {
    let f: Frame;
    try {
      const text = Array.isArray(raw)
        ? Buffer.concat(raw).toString('utf8')
        : Buffer.from(raw as ArrayBuffer).toString('utf8');
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      f = parsed;
    } catch {
      send(ws, JSON.stringify({ action: 'error', data: { error_message: 'invalid syntax' } }));
      return;
    }
    if (f.action === 'authenticate' || f.action === 'auth') authenticate(ws, session, f);
    else if (f.action === 'listen') listen(ws, session, f);
    else
      send(
        ws,
        JSON.stringify({
          action: 'error',
          data: { error_message: `unknown action: ${String(f.action)}` },
        }),
      );
  };

  const onConnection = (ws: SimSocket): void => {
    const session: Session = { authenticated: false, listening: false };
    sessions.set(ws, session);
    const timeout = setTimeout(() => {
      if (!session.authenticated) ws.close(1008, 'authentication timeout');
    }, options.authTimeoutMs ?? 30_000);
    ws.on('message', (raw: RawData) => {
      onMessage(ws, session, raw);
    });
    ws.on('close', () => {
      clearTimeout(timeout);
      sessions.delete(ws);
    });
    ws.on('error', () => {
      ws.terminate();
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      if (Date.now() < refuseUntil) {
        socket.end(
          'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.set(ws, socket);
        onConnection(ws);
      });
    },
    accept(ws, req) {
      if (Date.now() < refuseUntil || req.path !== '/stream') return false;
      onConnection(ws);
      return true;
    },
    broadcast(text) {
      for (const [ws, s] of sessions) if (s.authenticated && s.listening) send(ws, text);
    },
    closeAll() {
      for (const ws of sessions.keys()) ws.terminate();
    },
    refuseFor(ms) {
      refuseUntil = Date.now() + ms;
    },
    connections: () => sessions.size,
  };
}

/** Serialises one trade update frame. */
export const tradeUpdateFrame = (data: Record<string, unknown>): string =>
  frame('trade_updates', data);
