/** @module Alerts by email (HTML + text) and SMS through a carrier's email gateway; logged, never lost, without SMTP. */
import nodemailer from 'nodemailer';
import type { Alert, Logger } from '../../domain/ports.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import type { AlertChannel, AlertMailer, Delivery } from '../../domain/diagnostics.ts';

export type { AlertChannel, AlertMailer, Delivery } from '../../domain/diagnostics.ts';

export interface MailerOptions {
  readonly host: string | undefined;
  readonly port: number;
  readonly user: string | undefined;
  readonly pass: string | undefined;
  readonly emailTo: string | undefined;
  readonly smsTo: string | undefined;
  readonly email: boolean;
  readonly sms: boolean;
  readonly smsMaxChars: number;
  /** Plain SMTP for servers on this machine (tests, local relays); STARTTLS is used when offered otherwise. */
  readonly ignoreTls?: boolean;
  /** Applied to every subject and body, email and SMS, before anything is sent or logged. */
  readonly scrub: Scrub;
}

/** Cuts a text to an SMS: one line, at most `max` characters, an ellipsis when cut. */
export function toSms(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

function scrubbedAlert(alert: Alert, scrub: Scrub): Alert {
  const { html } = alert;
  return {
    ...alert,
    short: scrub(alert.short),
    subject: scrub(alert.subject),
    text: scrub(alert.text),
    ...(html === undefined ? {} : { html: scrub(html) }),
  };
}

/** How long `verify` waits for the server: a check should answer in seconds, not nodemailer's two minutes. */
const VERIFY_TIMEOUT_MS = 10_000;

function transport(options: MailerOptions, timeoutMs?: number): nodemailer.Transporter {
  return nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.port === 465,
    ignoreTLS: options.ignoreTls ?? false,
    ...(options.user !== undefined && options.pass !== undefined
      ? { auth: { user: options.user, pass: options.pass } }
      : {}),
    ...(timeoutMs === undefined
      ? {}
      : { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
  });
}

const messageOf = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();

export function createMailer(options: MailerOptions, log: Logger): AlertMailer {
  const smtp = options.host === undefined ? undefined : transport(options);
  const from = `strikeline <${options.user ?? 'strikeline@localhost'}>`;
  const channels = [
    ...(options.email && options.emailTo !== undefined
      ? [{ channel: 'email' as const, to: options.emailTo }]
      : []),
    ...(options.sms && options.smsTo !== undefined
      ? [{ channel: 'sms' as const, to: options.smsTo }]
      : []),
  ];

  const send = async (
    channel: AlertChannel,
    message: nodemailer.SendMailOptions & { to: string },
  ): Promise<Delivery> => {
    if (smtp === undefined) return { channel, to: message.to, sent: false, error: 'no SMTP_HOST' };
    try {
      await smtp.sendMail({ from, ...message });
      log.info({ channel, to: message.to }, 'alert sent');
      return { channel, to: message.to, sent: true, error: null };
    } catch (e) {
      const error = options.scrub(messageOf(e));
      log.error({ channel, err: error }, 'alert could not be sent');
      return { channel, to: message.to, sent: false, error };
    }
  };

  const deliver = async (unscrubbed: Alert): Promise<Delivery[]> => {
    const alert = scrubbedAlert(unscrubbed, options.scrub);
    const short = toSms(alert.short, options.smsMaxChars);
    const deliverable =
      smtp !== undefined && (options.emailTo !== undefined || options.smsTo !== undefined);
    const level =
      alert.severity === 'critical' ? 'error' : alert.severity === 'warning' ? 'warn' : 'info';
    log[level](
      { alert: short, subject: alert.subject, delivered: deliverable },
      deliverable ? 'alert' : 'alert (no SMTP configured: logged only)',
    );
    if (smtp === undefined) return [];
    return Promise.all(
      channels.map(({ channel, to }) =>
        channel === 'email'
          ? send(channel, {
              to,
              subject: `[strikeline] ${alert.subject}`,
              text: alert.text,
              ...(alert.html === undefined ? {} : { html: alert.html }),
            })
          : send(channel, { to, subject: '', text: short }),
      ),
    );
  };

  return {
    channels,
    deliver,
    async alert(alert: Alert) {
      await deliver(alert);
    },
    async verify() {
      if (options.host === undefined) throw new Error('SMTP_HOST is not set');
      const probe = transport(options, VERIFY_TIMEOUT_MS);
      try {
        await probe.verify();
      } catch (e) {
        throw new Error(options.scrub(messageOf(e)));
      } finally {
        probe.close();
      }
    },
  };
}
