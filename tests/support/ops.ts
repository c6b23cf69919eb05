/** @module Test support for the operations tests: positions opened through the SDK, an SMTP sink, a secret scan. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { control, sdkFor, waitFor, type TestSimulator } from './sim.ts';

/** Market buys through the official SDK at `price` (printed first), resolved once every position is held. */
export async function openPositions(
  t: TestSimulator,
  buys: Readonly<Record<string, number>>,
  price = 100,
): Promise<void> {
  const sdk = sdkFor(t.sim);
  for (const [symbol, qty] of Object.entries(buys)) {
    await control(t.sim).trade({ symbol, price, size: 1_000 });
    await sdk.alpaca.trading.orders.market({ symbol, qty, side: 'buy' });
  }
  await waitFor(
    async () => {
      const held = await sdk.alpaca.trading.positions.getAllOpenPositions();
      return Object.keys(buys).every((s) => held.some((p) => p.symbol === s));
    },
    5_000,
    'the positions',
  );
}

/** The manual bracket: an OCO exit (take profit + stop) for `qty` shares, GTC. */
export async function placeOco(
  t: TestSimulator,
  symbol: string,
  qty: number,
  takeProfit: number,
  stop: number,
) {
  return sdkFor(t.sim).alpaca.trading.orders.oco({
    symbol,
    qty,
    side: 'sell',
    timeInForce: 'gtc',
    takeProfit: { limitPrice: takeProfit },
    stopLoss: { stopPrice: stop },
  });
}

export interface Mail {
  readonly to: readonly string[];
  readonly raw: string;
}

/** A real SMTP server on 127.0.0.1 collecting every message, plus the environment that points alerts at it. */
export async function startSmtpSink() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString();
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    mails,
    port,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      ALERT_EMAIL_TO: 'ops@example.com',
      SMTP_TO_SMS: '5551234567@vtext.com',
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** The body of an SMS-gateway mail, unfolded from quoted-printable soft breaks. */
export function smsBody(mail: Mail): string {
  return mail.raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n')
    .replace(/=\r?\n/g, '')
    .trim();
}

/** Every file under `dir` (logs, events, the LMDB store, HALT...) whose bytes contain one of `secrets`. */
export function filesWithSecrets(dir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        const bytes = readFileSync(path);
        if (secrets.some((s) => bytes.includes(Buffer.from(s)))) found.push(path);
      }
    }
  };
  walk(dir);
  return found;
}
