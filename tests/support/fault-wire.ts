/**
 * Test support: a broker's bad day on the simulator's in-process wire, switched on while a test runs. REST: the
 * next order POSTs answered 429 (Retry-After), 5xx before or after the order is applied, a timeout, or a 403/422
 * refusal. Trading stream: malformed, duplicated, delayed or reordered `trade_updates` frames. Every answer and
 * frame that disturbs the daemon is recorded with the virtual time until which it may fairly delay protection
 * (`disturbances`), so the chaos suite's coverage invariant has a reasoned bound, not a blanket timeout.
 */
import type { WireRequest, WireResponse } from '../../src/sim/server/create-sim-server.ts';
import type { InProcessWireOptions, RestTap } from '../../src/sim/in-process/in-process-wire.ts';
import type { FrameTap } from '../../src/sim/in-process/memory-socket.ts';

export type RestFault =
  | { readonly kind: 'rate_limit'; readonly retryAfterS: number }
  /** 5xx; `applied` true: the broker placed the order anyway (the answer was lost). */
  | {
      readonly kind: 'server_error';
      readonly status: 500 | 502 | 503 | 504;
      readonly applied: boolean;
    }
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

export interface Disturbance {
  readonly at: number;
  /** Until when it may fairly keep a share without a stop (virtual ms). */
  readonly until: number;
  /** The symbol it concerns; undefined for all (a frame that could not be read). */
  readonly symbol?: string;
  readonly what: string;
}

/** The daemon's policies the allowances follow (the shipped defaults). */
export const POLICY = {
  unknownMs: 1_000,
  retryBaseMs: 2_000,
  retryMaxMs: 60_000,
  httpDeadlineMs: 15_000,
  auditMs: 60_000,
};

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): WireResponse => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
  body: JSON.stringify(body),
});

const isOrderPost = (req: WireRequest): boolean =>
  req.method.toUpperCase() === 'POST' && new URL(req.url, 'http://x').pathname === '/v2/orders';

function symbolOf(req: WireRequest): string {
  try {
    const body = JSON.parse(req.body) as { symbol?: unknown };
    return typeof body.symbol === 'string' ? body.symbol : '';
  } catch {
    return '';
  }
}

function frameSymbol(text: string): string | undefined {
  try {
    const frame = JSON.parse(text) as { data?: { order?: { symbol?: unknown } } };
    const symbol = frame.data?.order?.symbol;
    return typeof symbol === 'string' ? symbol : undefined;
  } catch {
    return undefined;
  }
}

function faultAnswer(fault: RestFault, forward: () => WireResponse): WireResponse | 'timeout' {
  switch (fault.kind) {
    case 'rate_limit':
      return json(
        429,
        { code: 42910000, message: 'too many requests' },
        { 'Retry-After': String(fault.retryAfterS) },
      );
    case 'server_error':
      if (fault.applied) forward();
      return json(fault.status, { code: 50010000, message: 'internal server error' });
    case 'timeout':
      if (fault.applied) forward();
      return 'timeout';
    case 'refuse':
      return json(fault.status, {
        code: fault.status === 403 ? 40310000 : 42210000,
        message: fault.message,
      });
  }
}

function mutate(text: string, fault: FrameFault): string {
  if (fault.kind === 'garbage') return '{"stream":"trade_updates","data":';
  const frame = JSON.parse(text) as { stream?: string; data?: Record<string, unknown> };
  if (frame.stream !== 'trade_updates' || frame.data === undefined) return text;
  const data = { ...frame.data };
  if (fault.kind === 'no_timestamp') delete data.timestamp;
  if (fault.kind === 'bad_numbers')
    Object.assign(data, { event: 'fill', qty: 'Infinity', price: '-5', position_qty: 'NaN' });
  if (fault.kind === 'unknown_event') data.event = 'mystery_event';
  return JSON.stringify({ ...frame, data });
}

export interface FaultWire {
  /** Options for a daemon's (or a job's) wire; every client built from them shares the fault queues. */
  readonly options: InProcessWireOptions;
  /** The next `count` order POSTs, whoever sends them, get this answer. */
  failOrders(fault: RestFault, count?: number): void;
  /** The next `count` trade_updates frames get this fault. */
  breakFrames(fault: FrameFault, count?: number): void;
  readonly injected: { rest: number; frames: number };
  readonly disturbances: Disturbance[];
  /** Drops pending faults (a quiet period begins). */
  clear(): void;
}

export function faultWire(
  base: InProcessWireOptions = {},
  now: () => number = () => Date.now(),
): FaultWire {
  const orderFaults: RestFault[] = [];
  const frameFaults: FrameFault[] = [];
  const injected = { rest: 0, frames: 0 };
  const disturbances: Disturbance[] = [];
  const refusals = new Map<string, number>();
  let heldBack: Buffer | null = null;
  const disturb = (ms: number, what: string, symbol: string | undefined): void => {
    const at = now();
    disturbances.push({
      at,
      until: at + ms,
      what,
      ...(symbol === undefined || symbol === '' ? {} : { symbol }),
    });
  };

  /** How long an answer to an order POST may fairly delay protection, by the daemon's policies. */
  const allowance = (
    symbol: string,
    status: number | 'timeout',
    res: WireResponse | null,
  ): number => {
    if (status === 'timeout') return POLICY.httpDeadlineMs + POLICY.unknownMs;
    if (status === 429) return Number(res?.headers['Retry-After'] ?? 1) * 1_000;
    if (status >= 500) return POLICY.unknownMs;
    const k = (refusals.get(symbol) ?? 0) + 1;
    refusals.set(symbol, k);
    return Math.min(POLICY.retryBaseMs * 2 ** (k - 1), POLICY.retryMaxMs);
  };

  const rest: RestTap = (req, forward) => {
    if (!isOrderPost(req)) return forward();
    const symbol = symbolOf(req);
    const fault = orderFaults.shift();
    if (fault !== undefined) injected.rest += 1;
    const res = fault === undefined ? forward() : faultAnswer(fault, forward);
    const status = res === 'timeout' ? 'timeout' : res.status;
    if (status !== 'timeout' && status < 300) refusals.delete(symbol);
    else
      disturb(
        allowance(symbol, status, res === 'timeout' ? null : res),
        `POST /v2/orders ${symbol}: ${String(status)}`,
        symbol,
      );
    return res;
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
        disturb(fault.ms, `trade update delayed ${String(fault.ms)} ms`, frameSymbol(text));
        return [{ data, delayMs: fault.ms }, ...release];
      case 'reorder':
        heldBack = data;
        // Held until the next frame: if none comes, the next audit finds what it carried.
        disturb(POLICY.auditMs, 'trade update held back (reordered)', frameSymbol(text));
        return release;
      case 'no_timestamp':
      case 'bad_numbers':
      case 'unknown_event':
      case 'garbage':
        heldBack = null;
        // The malformed copy goes first; the true frame follows, as a broker resending it would.
        return [
          { data: Buffer.from(mutate(text, fault)), delayMs: 0 },
          { data, delayMs: 0 },
          ...release,
        ];
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
    disturbances,
    clear: () => {
      orderFaults.length = 0;
      frameFaults.length = 0;
    },
  };
}
