/**
 * @module The market-data WebSocket (`/v2/iex`, `/v2/sip`, `/v2/test`): msgpack when the upgrade says
 * `Content-Type: application/msgpack` (the SDK always does), JSON text otherwise; the channels of stream-feeds.ts
 * to the connections subscribed; one authenticated connection per key and path (406); faults.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { decode, encode } from '@msgpack/msgpack';
import { WebSocketServer, type RawData } from 'ws';
import type { SimSocket, SocketRequest } from '../sim-socket.ts';
import type { Exchange, SyntheticMarket } from '../../contracts.ts';
import { errorFrame, StreamSession, type Channel, type Frame } from './stream-session.ts';
import { attachFeeds } from './stream-feeds.ts';
import { tapeOf } from './wire.ts';

const PATHS = new Set(['/v2/iex', '/v2/sip', '/v2/test', '/v2/delayed_sip']);
const MAX_BATCH = 1000;

export interface DataStreamDeps {
  readonly exchange: Exchange;
  readonly market: SyntheticMarket;
  readonly credentials: { readonly key: string; readonly secret: string };
  readonly log?: { info(o: object, m: string): void; warn(o: object, m: string): void };
  /** How long a connection may stay unauthenticated (default 10 s). */
  readonly authTimeoutMs?: number;
}

export interface DataStreamServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Takes a connected in-process socket; false (and the socket untouched) when an upgrade would be refused. */
  accept(ws: SimSocket, req: SocketRequest): boolean;
  closeAll(): void;
  refuseFor(ms: number): void;
  connections(): number;
}

interface Conn {
  readonly ws: SimSocket;
  readonly path: string;
  readonly msgpack: boolean;
  readonly session: StreamSession;
  readonly outbox: Frame[];
  flushScheduled: boolean;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export function createDataStreamServer(deps: DataStreamDeps): DataStreamServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const conns = new Set<Conn>();
  const tapes = new Map(deps.market.symbols.map((s) => [s.symbol, tapeOf(s)]));
  const tape = (symbol: string): string => tapes.get(symbol) ?? 'C';
  let refuseUntil = 0;
  let detachFeeds: (() => void) | undefined;

  const encodeFrames = (conn: Conn, frames: Frame[]): Buffer | string => {
    if (conn.msgpack) return Buffer.from(encode(frames));
    // JSON text clients get RFC-3339 strings (Date's toJSON).
    return JSON.stringify(frames);
  };
  const sendNow = (conn: Conn, frames: Frame[]): void => {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    const data = encodeFrames(conn, frames);
    conn.ws.send(data, { binary: typeof data !== 'string' });
  };
  const flush = (conn: Conn): void => {
    conn.flushScheduled = false;
    while (conn.outbox.length > 0) sendNow(conn, conn.outbox.splice(0, MAX_BATCH));
  };
  const publish = (channel: Channel, symbol: string, frame: () => Frame): void => {
    let built: Frame | undefined;
    for (const conn of conns) {
      if (!conn.session.authenticated || !conn.session.wants(channel, symbol)) continue;
      built ??= frame();
      conn.outbox.push(built);
      if (!conn.flushScheduled) {
        conn.flushScheduled = true;
        setImmediate(() => {
          flush(conn);
        });
      }
    }
  };

  const attach = (): void => {
    detachFeeds = attachFeeds({ exchange: deps.exchange, market: deps.market, tape }, publish);
  };
  const detach = (): void => {
    detachFeeds?.();
    detachFeeds = undefined;
  };

  const onConnection = (ws: SimSocket, path: string, msgpack: boolean): void => {
    const session = new StreamSession({
      credentials: deps.credentials,
      send: (frame) => {
        sendNow(conn, [frame]);
      },
      close: () => {
        ws.close();
      },
      keyInUse: (key) =>
        [...conns].some(
          (c) => c !== conn && c.path === path && c.session.authenticated && c.session.key === key,
        ),
      onAuthenticated: (key) => deps.log?.info({ path, key }, 'market data stream authenticated'),
    });
    const conn: Conn = { ws, path, msgpack, session, outbox: [], flushScheduled: false };
    if (conns.size === 0) attach();
    conns.add(conn);
    const authTimer = setTimeout(() => {
      if (!session.authenticated) {
        sendNow(conn, [errorFrame(404, 'auth timeout')]);
        ws.close();
      }
    }, deps.authTimeoutMs ?? 10_000);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let message: unknown;
      try {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        message = msgpack && isBinary ? decode(bytes) : JSON.parse(bytes.toString('utf8'));
      } catch {
        session.handle(undefined);
        return;
      }
      session.handle(message);
    });
    ws.on('error', (e) =>
      deps.log?.warn({ path, err: e.message }, 'market data stream socket error'),
    );
    ws.on('close', () => {
      clearTimeout(authTimer);
      conns.delete(conn);
      if (conns.size === 0) detach();
    });
    sendNow(conn, [{ T: 'success', msg: 'connected' }]);
  };

  const refusalOf = (path: string): string | null => {
    if (Date.now() < refuseUntil) return '503 Service Unavailable';
    return PATHS.has(path) ? null : '404 Not Found';
  };

  return {
    handleUpgrade(req, socket, head) {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const refusal = refusalOf(path);
      if (refusal !== null) {
        refuse(socket, refusal);
        return;
      }
      const msgpack = (req.headers['content-type'] ?? '')
        .toLowerCase()
        .includes('application/msgpack');
      wss.handleUpgrade(req, socket, head, (ws) => {
        onConnection(ws, path, msgpack);
      });
    },
    accept(ws, req) {
      if (refusalOf(req.path) !== null) return false;
      onConnection(
        ws,
        req.path,
        (req.headers['content-type'] ?? '').toLowerCase().includes('application/msgpack'),
      );
      return true;
    },
    closeAll() {
      for (const conn of conns) conn.ws.terminate();
    },
    refuseFor(ms) {
      refuseUntil = Date.now() + ms;
    },
    connections: () => conns.size,
  };
}
