/** @module The simulator's control API, as the demo drives it: move time, read the state. */

export interface SimState {
  readonly clock: {
    readonly timestamp: string;
    readonly is_open: boolean;
    readonly next_open: string;
    readonly next_close: string;
  };
  readonly account: Record<string, unknown>;
  readonly positions: ReadonlyArray<Record<string, unknown>>;
  readonly open_orders: ReadonlyArray<Record<string, unknown>>;
}

export interface SimControl {
  state(): Promise<SimState>;
  advance(ms: number): Promise<SimState>;
  moveTo(iso: string, quiet?: boolean): Promise<SimState>;
}

export function simControl(controlUrl: string, key: string, secret: string): SimControl {
  const call = async (method: string, path: string, body?: unknown): Promise<SimState> => {
    const res = await fetch(`${controlUrl}${path}`, {
      method,
      headers: {
        'APCA-API-KEY-ID': key,
        'APCA-API-SECRET-KEY': secret,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as SimState & { message?: string };
    if (!res.ok)
      throw new Error(`simulator control ${path} answered ${res.status}: ${json.message ?? ''}`);
    return json;
  };
  return {
    state: () => call('GET', '/state'),
    advance: (ms) => call('POST', '/clock', { advance_ms: ms }),
    moveTo: (iso, quiet = true) => call('POST', '/clock', { to: iso, quiet }),
  };
}
