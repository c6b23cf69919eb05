/**
 * @module The processes of the loopback benchmark besides the daemon's, each alone on its event loop as on a real
 * deployment: `sim` runs the simulator (the exchange of the loopback), `floor` the bare ws + HTTP servers (the
 * exchange of the floor), `floor-client` the raw client that answers the floor's events (the floor's "daemon").
 * The parent drives them over IPC, off the measured path, and reads back the stamps taken here on the machine-wide
 * monotonic clock (monoMs) it reads too.
 *   parent -> child  { cmd: 'fill', id }  sim: a market buy of 10 of symbol `id`, filled at once; floor: an event
 *   parent -> child  { cmd: 'stamps' }    child -> parent { stamps: { [id]: ms } } (fills sent, or answers received)
 *   child -> parent  { ready: { rest, stream } } once listening; floor-client also { acked: id } per answer
 * A child exits when the parent disconnects.
 */
import { createServer, Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { SimTradeUpdate } from '../../src/sim/contracts.ts';
import { orderJson, tradeUpdateJson } from '../../src/sim/server/order-json.ts';
import { tradeUpdateFrame } from '../../src/sim/server/trading-stream.ts';
import { startSimulator } from '../../src/sim/start-simulator.ts';
import {
  BENCH_KEY,
  BENCH_SECRET,
  SIM_OPEN,
  SIM_START,
  jsonOfSize,
  monoMs,
  type ChildMessage,
  type ChildReply,
  type FloorClientArgs,
  type PayloadSizes,
} from './wire.ts';

const send = (m: ChildReply): void => {
  process.send?.(m);
};

async function runSim(symbols: readonly string[]): Promise<void> {
  const sim = await startSimulator({
    key: BENCH_KEY,
    secret: BENCH_SECRET,
    symbols,
    cash: 1e10,
    start: SIM_START,
    speed: 0,
    partialFillRate: 0,
  });
  sim.exchange.advanceTo(Date.parse(SIM_OPEN), { quiet: true });
  const stamps: Record<string, number> = {};
  let lastFill: SimTradeUpdate | undefined;
  sim.exchange.onTradeUpdate((u) => {
    if (u.event !== 'fill' || u.order.side !== 'buy') return;
    stamps[u.order.symbol] = monoMs();
    lastFill = u;
  });
  process.on('message', (m: ChildMessage) => {
    if (m.cmd === 'fill') {
      sim.exchange.submitOrder({
        symbol: m.id,
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        qty: 10,
      });
      return;
    }
    // Sized after the run, off the measured path: the last fill's frame and the last OCO as the REST answer.
    const oco = sim.exchange.allOrders().findLast((o) => o.order_class === 'oco');
    send({
      stamps,
      sizes: {
        eventBytes: lastFill ? Buffer.byteLength(tradeUpdateFrame(tradeUpdateJson(lastFill))) : 0,
        responseBytes: oco ? Buffer.byteLength(JSON.stringify(orderJson(oco, true))) : 0,
      },
    });
  });
  process.once('disconnect', () => {
    void sim.close();
  });
  send({ ready: { rest: sim.urls.rest, stream: sim.urls.tradingStream } });
}

async function runFloor(sizes: PayloadSizes): Promise<void> {
  const responseBody = jsonOfSize(sizes.responseBytes, 'order');
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      JSON.parse(body);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(responseBody),
      });
      res.end(responseBody);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const stamps: Record<string, number> = {};
  let client: WebSocket | undefined;
  wss.on('connection', (ws) => (client = ws));
  process.on('message', (m: ChildMessage) => {
    if (m.cmd === 'fill') {
      // The event names the iteration (the key of both sides' stamps); it is built before the clock starts.
      const event = Buffer.from(jsonOfSize(sizes.eventBytes, m.id));
      stamps[m.id] = monoMs();
      client?.send(event, { binary: true });
    } else send({ stamps });
  });
  process.once('disconnect', () => {
    wss.close();
    http.close();
    http.closeAllConnections();
  });
  send({
    ready: {
      rest: `http://127.0.0.1:${String((http.address() as AddressInfo).port)}`,
      stream: `ws://127.0.0.1:${String((wss.address() as AddressInfo).port)}`,
    },
  });
}

function httpPost(url: URL, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/v2/orders',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          JSON.parse(text);
          resolve();
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function fetchPost(url: URL, body: string): Promise<void> {
  const res = await fetch(new URL('/v2/orders', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.json();
}

async function runFloorClient(args: FloorClientArgs): Promise<void> {
  const rest = new URL(args.rest);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const postBody = jsonOfSize(args.postBytes, 'oco');
  const stamps: Record<string, number> = {};
  const ws = new WebSocket(args.stream, { perMessageDeflate: false });
  ws.on('message', (data: Buffer) => {
    const event = JSON.parse(data.toString()) as { kind: string };
    void (
      args.client === 'http' ? httpPost(rest, agent, postBody) : fetchPost(rest, postBody)
    ).then(() => {
      stamps[event.kind] = monoMs();
      send({ acked: event.kind });
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  process.on('message', (m: ChildMessage) => {
    if (m.cmd === 'stamps') send({ stamps });
  });
  process.once('disconnect', () => {
    ws.close();
    agent.destroy();
  });
  send({ ready: { rest: args.rest, stream: args.stream } });
}

const [role, arg = ''] = process.argv.slice(2);
if (role === 'sim') await runSim(arg.split(','));
else if (role === 'floor') await runFloor(JSON.parse(arg) as PayloadSizes);
else if (role === 'floor-client') await runFloorClient(JSON.parse(arg) as FloorClientArgs);
else throw new Error(`bench child: role must be sim, floor or floor-client, got ${String(role)}`);
