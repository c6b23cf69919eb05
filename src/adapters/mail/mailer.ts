/** @module Alerts by email (HTML + text) and SMS through a carrier's email gateway; logged, never lost, without SMTP. */
import nodemailer from 'nodemailer';
import type { Alert, Logger, Mailer } from '../../domain/ports.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';

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

export function createMailer(options: MailerOptions, log: Logger): Mailer {
  const smtp = options.host === undefined
    ? undefined
    : nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.port === 465,
        ignoreTLS: options.ignoreTls ?? false,
        ...(options.user !== undefined && options.pass !== undefined ? { auth: { user: options.user, pass: options.pass } } : {}),
      });
  const from = `strikeline <${options.user ?? 'strikeline@localhost'}>`;

  const send = async (channel: string, message: nodemailer.SendMailOptions): Promise<void> => {
    if (smtp === undefined) return;
    try {
      await smtp.sendMail({ from, ...message });
      log.info({ channel, to: message.to }, 'alert sent');
    } catch (e) {
      log.error({ channel, err: e instanceof Error ? e.message : String(e) }, 'alert could not be sent');
    }
  };

  return {
    async alert(unscrubbed: Alert) {
      const alert = scrubbedAlert(unscrubbed, options.scrub);
      const short = toSms(alert.short, options.smsMaxChars);
      const deliverable = smtp !== undefined && (options.emailTo !== undefined || options.smsTo !== undefined);
      const level = alert.severity === 'critical' ? 'error' : alert.severity === 'warning' ? 'warn' : 'info';
      log[level]({ alert: short, subject: alert.subject, delivered: deliverable }, deliverable ? 'alert' : 'alert (no SMTP configured: logged only)');
      const sends: Promise<void>[] = [];
      if (options.email && options.emailTo !== undefined) {
        sends.push(send('email', { to: options.emailTo, subject: `[strikeline] ${alert.subject}`, text: alert.text, ...(alert.html === undefined ? {} : { html: alert.html }) }));
      }
      if (options.sms && options.smsTo !== undefined) sends.push(send('sms', { to: options.smsTo, subject: '', text: short }));
      await Promise.all(sends);
    },
  };
}
