/**
 * @module One market-data stream connection's protocol (ALPACA.md §12): auth, subscribe/unsubscribe with the full
 * subscription echo, error frames 400-406, and the per-connection subscription sets that filter data messages.
 */

/** Channels a client may name; `corrections` and `cancelErrors` mirror `trades` in the echo. */
export const CHANNELS = [
  'trades',
  'quotes',
  'bars',
  'updatedBars',
  'dailyBars',
  'statuses',
  'lulds',
  'imbalances',
] as const;
export type Channel = (typeof CHANNELS)[number];

const SYMBOL_LIMIT = 30;

export type Frame = Record<string, unknown>;

export interface SessionHooks {
  readonly credentials: { readonly key: string; readonly secret: string };
  /** Sends control frames (each as its own single-element array). */
  send(frame: Frame): void;
  close(): void;
  /** Whether another authenticated connection already uses this key on this path. */
  keyInUse(key: string): boolean;
  onAuthenticated(key: string): void;
}

export const errorFrame = (code: number, msg: string): Frame => ({ T: 'error', code, msg });

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function symbolList(x: unknown): string[] | undefined {
  if (x === undefined) return [];
  if (!Array.isArray(x) || !x.every((s): s is string => typeof s === 'string' && s.trim() !== ''))
    return undefined;
  return x.map((s) => (s === '*' ? s : s.trim().toUpperCase()));
}

export class StreamSession {
  authenticated = false;
  key: string | undefined;
  private readonly subs = new Map<Channel, Set<string>>(
    CHANNELS.map((c) => [c, new Set<string>()]),
  );

  constructor(private readonly hooks: SessionHooks) {}

  /** Whether data of this channel for this symbol goes to this connection. */
  wants(channel: Channel, symbol: string): boolean {
    const set = this.subs.get(channel);
    return set !== undefined && (set.has(symbol) || set.has('*'));
  }

  /** Handles one decoded client message. */
  handle(message: unknown): void {
    const msg = Array.isArray(message) && message.length === 1 ? (message[0] as unknown) : message;
    if (!isRecord(msg) || typeof msg.action !== 'string') {
      this.hooks.send(errorFrame(400, 'invalid syntax'));
      return;
    }
    switch (msg.action) {
      case 'auth':
        this.auth(msg);
        return;
      case 'subscribe':
      case 'unsubscribe':
        this.subscription(msg, msg.action);
        return;
      default:
        this.hooks.send(errorFrame(400, 'invalid syntax'));
    }
  }

  private auth(msg: Record<string, unknown>): void {
    if (this.authenticated) {
      this.hooks.send(errorFrame(403, 'already authenticated'));
      return;
    }
    const { key, secret } = msg;
    if (typeof key !== 'string' || typeof secret !== 'string') {
      this.hooks.send(errorFrame(400, 'invalid syntax'));
      return;
    }
    if (key !== this.hooks.credentials.key || secret !== this.hooks.credentials.secret) {
      this.hooks.send(errorFrame(402, 'auth failed'));
      this.hooks.close();
      return;
    }
    if (this.hooks.keyInUse(key)) {
      this.hooks.send(errorFrame(406, 'connection limit exceeded'));
      this.hooks.close();
      return;
    }
    this.authenticated = true;
    this.key = key;
    this.hooks.onAuthenticated(key);
    this.hooks.send({ T: 'success', msg: 'authenticated' });
  }

  private subscription(msg: Record<string, unknown>, action: 'subscribe' | 'unsubscribe'): void {
    if (!this.authenticated) {
      this.hooks.send(errorFrame(401, 'not authenticated'));
      return;
    }
    const changes = new Map<Channel, string[]>();
    for (const channel of CHANNELS) {
      const list = symbolList(msg[channel]);
      if (!list) {
        this.hooks.send(errorFrame(400, 'invalid syntax'));
        return;
      }
      changes.set(channel, list);
    }
    const next = new Map([...this.subs].map(([c, set]) => [c, new Set(set)] as const));
    for (const [channel, list] of changes) {
      const set = next.get(channel);
      for (const s of list) {
        if (action === 'subscribe') set?.add(s);
        else set?.delete(s);
      }
    }
    const tradeQuoteSymbols = new Set([
      ...(next.get('trades') ?? []),
      ...(next.get('quotes') ?? []),
    ]);
    if (tradeQuoteSymbols.size > SYMBOL_LIMIT) {
      this.hooks.send(errorFrame(405, 'symbol limit exceeded'));
      return;
    }
    for (const [channel, set] of next) this.subs.set(channel, set);
    this.hooks.send(this.echo());
  }

  /** The full subscription echo. */
  echo(): Frame {
    const list = (c: Channel): string[] => [...(this.subs.get(c) ?? [])];
    const frame: Frame = { T: 'subscription' };
    for (const c of CHANNELS) frame[c] = list(c);
    frame.corrections = list('trades');
    frame.cancelErrors = list('trades');
    return frame;
  }
}
