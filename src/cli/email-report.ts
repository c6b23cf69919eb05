/**
 * @module `report --email`: the report delivered to every configured channel, or a failure (exit 1) saying what
 * was not sent and why. Cron mails nobody about a zero exit: asked to mail and unable to is a failure.
 */
import type { AlertMailer } from '../adapters/mail/mailer.ts';
import type { Alert } from '../domain/ports.ts';

/** Asked to mail, and nothing or not everything went out. */
export class EmailNotSentError extends Error {
  override readonly name = 'EmailNotSentError';
}

/** Sends the report; resolves the recipients it reached, rejects with EmailNotSentError unless every channel was reached. */
export async function emailReport(
  mailer: AlertMailer,
  smtpHost: string | undefined,
  alert: Alert,
): Promise<string[]> {
  if (smtpHost === undefined) {
    throw new EmailNotSentError(
      '--email: not sent: SMTP_HOST is not set: set SMTP_HOST and ALERT_EMAIL_TO (or SMTP_TO_SMS) in .env',
    );
  }
  if (mailer.channels.length === 0) {
    throw new EmailNotSentError(
      '--email: not sent: no recipient: set ALERT_EMAIL_TO (or SMTP_TO_SMS) in .env, with alerts.email (or alerts.sms) on in config/config.yaml',
    );
  }
  const deliveries = await mailer.deliver(alert);
  const failed = deliveries.filter((d) => !d.sent);
  if (failed.length > 0) {
    const what = failed
      .map((d) => `the ${d.channel} to ${d.to} (${d.error ?? 'unknown error'})`)
      .join('; ');
    const reached = deliveries.filter((d) => d.sent).map((d) => d.to);
    throw new EmailNotSentError(
      `--email: could not send ${what}${reached.length > 0 ? `; sent to ${reached.join(', ')}` : ''}: check SMTP_HOST, SMTP_PORT, SMTP_USER and SMTP_PASS (strikeline doctor checks them)`,
    );
  }
  return deliveries.map((d) => d.to);
}
