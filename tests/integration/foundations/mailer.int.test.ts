import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, toSms } from '../../../src/adapters/mail/mailer.ts';
import { makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import type { Logger } from '../../../src/domain/ports.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const PASS = 'smtp-pass-4711';
const API_SECRET = 'api-secret/4711+x';
const scrub = makeScrubber([PASS, API_SECRET]);

const received: Received[] = [];
let server: SMTPServer;
let port = 0;

const lines: string[] = [];
const log: Logger = {
  info: (o, m) => lines.push(`info ${m} ${JSON.stringify(o)}`),
  warn: (o, m) => lines.push(`warn ${m} ${JSON.stringify(o)}`),
  error: (o, m) => lines.push(`error ${m} ${JSON.stringify(o)}`),
  debug: () => undefined,
  child: () => log,
};

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, cb) => {
      cb(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString();
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

describe('mail alerts', () => {
  it('sends the email (HTML + text) and an SMS-sized text to the carrier gateway', async () => {
    const mailer = createMailer(
      {
        host: '127.0.0.1',
        port,
        user: 'bot@example.com',
        pass: PASS,
        emailTo: 'me@example.com',
        smsTo: '5551234567@vtext.com',
        email: true,
        sms: true,
        smsMaxChars: 160,
        ignoreTls: true,
        scrub,
      },
      log,
    );
    const long = `FILL AAPL 10 @ 187.50; protected stop 178.12 target 225.00. ${'x'.repeat(300)}`;
    await mailer.alert({
      short: long,
      subject: 'AAPL filled',
      text: 'AAPL filled: 10 shares at 187.50',
      html: '<p><b>AAPL</b> filled</p>',
      severity: 'info',
    });
    expect(received).toHaveLength(2);
    const email = received.find((r) => r.to.includes('me@example.com'));
    const sms = received.find((r) => r.to.includes('5551234567@vtext.com'));
    expect(email?.raw).toMatch(/Subject: \[strikeline\] AAPL filled/);
    expect(email?.raw).toContain('AAPL filled: 10 shares at 187.50');
    expect(email?.raw).toContain('<b>AAPL</b> filled');
    expect(email?.from).toBe('bot@example.com');
    const body =
      sms?.raw
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n')
        .replace(/=\r?\n/g, '')
        .trim() ?? '';
    expect(body.startsWith('FILL AAPL 10 @ 187.50')).toBe(true);
    expect(toSms(long)).toHaveLength(160);
  });

  it('scrubs secrets from the subject, both bodies and the SMS, before anything is sent or logged', async () => {
    received.length = 0;
    lines.length = 0;
    const mailer = createMailer(
      {
        host: '127.0.0.1',
        port,
        user: 'bot@example.com',
        pass: PASS,
        emailTo: 'me@example.com',
        smsTo: '5551234567@vtext.com',
        email: true,
        sms: true,
        smsMaxChars: 160,
        ignoreTls: true,
        scrub,
      },
      log,
    );
    const quoted = `broker said: APCA-API-SECRET-KEY: ${API_SECRET} ${JSON.stringify({ k: API_SECRET })} ${encodeURIComponent(API_SECRET)}`;
    await mailer.alert({
      short: `REFUSED ${API_SECRET}`,
      subject: `refused ${API_SECRET}`,
      text: quoted,
      html: `<p>${quoted}</p>`,
      severity: 'critical',
    });
    expect(received).toHaveLength(2);
    const all = received.map((r) => r.raw.replace(/=\r?\n/g, '')).join('\n') + lines.join('\n');
    expect(all).toContain('[REDACTED]');
    for (const form of [
      API_SECRET,
      JSON.stringify(API_SECRET).slice(1, -1),
      encodeURIComponent(API_SECRET),
      PASS,
    ])
      expect(all).not.toContain(form);
  });

  it('logs the alert instead of losing it when no SMTP is configured', async () => {
    lines.length = 0;
    const mailer = createMailer(
      {
        host: undefined,
        port: 587,
        user: undefined,
        pass: undefined,
        emailTo: 'me@example.com',
        smsTo: undefined,
        email: true,
        sms: true,
        smsMaxChars: 160,
        scrub,
      },
      log,
    );
    await mailer.alert({
      short: 'HALT: daily loss 2.4%',
      subject: 'halted',
      text: 'halted',
      severity: 'critical',
    });
    expect(lines.join('\n')).toMatch(
      /error alert \(no SMTP configured: logged only\).*HALT: daily loss 2\.4%/,
    );
  });

  it('never throws when the server is unreachable', async () => {
    lines.length = 0;
    const mailer = createMailer(
      {
        host: '127.0.0.1',
        port: 1,
        user: undefined,
        pass: undefined,
        emailTo: 'me@example.com',
        smsTo: undefined,
        email: true,
        sms: false,
        smsMaxChars: 160,
        ignoreTls: true,
        scrub,
      },
      log,
    );
    await expect(
      mailer.alert({ short: 's', subject: 's', text: 't', severity: 'warning' }),
    ).resolves.toBeUndefined();
    expect(lines.join('\n')).toMatch(/alert could not be sent/);
  });

  it('deliver says what each channel did; verify connects and logs in, or says why it could not', async () => {
    received.length = 0;
    const options = {
      host: '127.0.0.1',
      port,
      user: 'bot@example.com',
      pass: PASS,
      emailTo: 'me@example.com',
      smsTo: '5551234567@vtext.com',
      email: true,
      sms: false,
      smsMaxChars: 160,
      ignoreTls: true,
      scrub,
    };
    const mailer = createMailer(options, log);
    expect(mailer.channels).toEqual([{ channel: 'email', to: 'me@example.com' }]);
    await expect(mailer.verify()).resolves.toBeUndefined();
    expect(
      await mailer.deliver({ short: 's', subject: 'test', text: 't', severity: 'info' }),
    ).toEqual([{ channel: 'email', to: 'me@example.com', sent: true, error: null }]);
    expect(received).toHaveLength(1);

    const closed = createMailer({ ...options, port: 1, sms: true }, log);
    await expect(closed.verify()).rejects.toThrow(/ECONNREFUSED/);
    const failed = await closed.deliver({
      short: 's',
      subject: 'test',
      text: 't',
      severity: 'info',
    });
    expect(failed.map((d) => [d.channel, d.sent])).toEqual([
      ['email', false],
      ['sms', false],
    ]);
    expect(failed[0]?.error).toMatch(/ECONNREFUSED/);

    const strict = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      onAuth: (_auth, _session, cb) => {
        cb(new Error('535 authentication failed'));
      },
    });
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    try {
      const refused = createMailer(
        { ...options, port: (strict.server.address() as AddressInfo).port },
        log,
      );
      const e = await refused.verify().then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(e?.message).toMatch(/authentication failed/i);
      expect(e?.message).not.toContain(PASS);
    } finally {
      await new Promise<void>((resolve) => {
        strict.close(() => {
          resolve();
        });
      });
    }
    expect(createMailer({ ...options, host: undefined }, log).channels).toHaveLength(1);
    await expect(createMailer({ ...options, host: undefined }, log).verify()).rejects.toThrow(
      'SMTP_HOST is not set',
    );
  });
});
