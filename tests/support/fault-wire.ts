/**
 * Test support: faults on the simulator's in-process wire, switched on and off while a test runs. REST: answer
 * an order POST with 429 (Retry-After), 5xx before or after the order is applied, a timeout, or a 403/422
 * refusal. Trading stream: malformed, duplicated, delayed or reordered `trade_updates` frames.
 */
import type { WireRequest, WireResponse } from '../../src/sim/server/create-sim-server.ts';
import type { InProcessWireOptions, RestTap } from '../../src/sim/in-process/in-process-wire.ts';
import type { FrameTap } from '../../src/sim/in-process/memory-socket.ts';

export type RestFault =
  | { readonly kind: 'rate_limit'; readonly retryAfterS: number }
  /** 5xx; `applied` true: the broker placed the order anyway (the answer was lost). */
  | { readonly kind: 'server_error'; readonly status: 500 | 502 | 503 | 504; readonly applied: boolean }
  | { readonly kind: 'timeout'; readonly applied: boolean }
  | { readonly kind: 'refuse'; readonly status: 403 | 422; readonly message: string };

export type FrameFault =
  | { readonly kind: 'no_timestamp' }
  | { readonly kind: 'bad_numbers' }
  | { readonly kind: 'unknown_event' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'delay'; readonly ms: number }
  /** Held back until the next frame has gone. */
  | { readonly kind: 'reorder' };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
  body: JSON.stringify(body),
});

const isOrderPost = (req: WireRequest): boolean => req.method.toUpperCase() === 'POST' && new URL(req.url, 'http://x').pathname === '/v2/orders';

function restAnswer(fault: RestFault, forward: () => WireResponse): WireResponse | 'timeout' {
  switch (fault.kind) {
    case 'rate_limit':
      return json(429, { code: 42910000, message: 'too many requests' }, { 'Retry-After': String(fault.retryAfterS) });
    case 'server_error':
      if (fault.applied) forward();
      return json(fault.status, { code: 50010000, message: 'internal server error' });
    case 'timeout':
      if (fault.applied) forward();
      return 'timeout';
    case 'refuse':
      return json(fault.status, { code: fault.status === 403 ? 40310000 : 42210000, message: fault.message });
  }
}

function mutate(text: string, fault: FrameFault): string {
  if (fault.kind === 'garbage') return '{"stream":"trade_updates","data":';
  const frame = JSON.parse(text) as { stream?: string; data?: Record<string, unknown> };
  if (frame.stream !== 'trade_updates' || frame.data === undefined) return text;
  const data = { ...frame.data };
  if (fault.kind === 'no_timestamp') delete data.timestamp;
  if (fault.kind === 'bad_numbers') Object.assign(data, { event: 'fill', qty: 'Infinity', price: '-5', position_qty: 'NaN' });
  if (fault.kind === 'unknown_event') data.event = 'mystery_event';
  return JSON.stringify({ ...frame, data });
}

export interface FaultWire {
  readonly options: InProcessWireOptions;
  /** The next `count` order POSTs get this answer. */
  failOrders(fault: RestFault, count?: number): void;
  /** The next `count` trade_updates frames get this fault. */
  breakFrames(fault: FrameFault, count?: number): void;
  /** Order POSTs answered by a fault so far. */
  readonly injected: { rest: number; frames: number };
}

export function faultWire(base: InProcessWireOptions = {}): FaultWire {
  const orderFaults: RestFault[] = [];
  const frameFaults: FrameFault[] = [];
  const injected = { rest: 0, frames: 0 };
  let heldBack: Buffer | null = null;

  const rest: RestTap = (req, forward) => {
    const fault = isOrderPost(req) ? orderFaults.shift() : undefined;
    if (fault === undefined) return forward();
    injected.rest += 1;
    return restAnswer(fault, forward);
  };

  const tradingFrames: FrameTap = (data) => {
    const text = data.toString('utf8');
    const isUpdate = text.includes('"trade_updates"') && !text.includes('"listening"');
    const fault = isUpdate ? frameFaults.shift() : undefined;
    const release = heldBack === null ? [] : [{ data: heldBack, delayMs: 0 }];
    if (fault === undefined) {
      heldBack = null;
      return [{ data, delayMs: 0 }, ...release];
    }
    injected.frames += 1;
    switch (fault.kind) {
      case 'duplicate':
        heldBack = null;
        return [{ data, delayMs: 0 }, { data, delayMs: 0 }, ...release];
      case 'delay':
        heldBack = null;
        return [{ data, delayMs: fault.ms }, ...release];
      case 'reorder':
        heldBack = data;
        return release;
      case 'no_timestamp':
      case 'bad_numbers':
      case 'unknown_event':
      case 'garbage':
        heldBack = null;
        // The malformed copy goes first; the true frame follows, as a broker resending it would.
        return [{ data: Buffer.from(mutate(text, fault)), delayMs: 0 }, { data, delayMs: 0 }, ...release];
    }
  };

  return {
    options: { ...base, rest, frames: (path) => (path === '/stream' ? tradingFrames : undefined) },
    failOrders: (fault, count = 1) => {
      for (let i = 0; i < count; i += 1) orderFaults.push(fault);
    },
    breakFrames: (fault, count = 1) => {
      for (let i = 0; i < count; i += 1) frameFaults.push(fault);
    },
    injected,
  };
}
