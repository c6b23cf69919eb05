/**
 * @module What `strikeline doctor` and `report --email` learn from the adapters beyond the ports' daily work: each
 * alert channel's delivery, one raw probe of the broker's account, and this machine's cron.
 */
import type { Alert, Mailer } from './ports.ts';

export type AlertChannel = 'email' | 'sms';

/** One channel's outcome: sent, or the reason it was not (scrubbed). */
export interface Delivery {
  readonly channel: AlertChannel;
  readonly to: string;
  readonly sent: boolean;
  readonly error: string | null;
}

/** The Mailer port, plus what `report --email` and `doctor` need to know: where alerts go, and whether they got there. */
export interface AlertMailer extends Mailer {
  /** The channels an alert goes to: a recipient set in .env and its channel switched on in config (alerts.email / alerts.sms). */
  readonly channels: ReadonlyArray<{ readonly channel: AlertChannel; readonly to: string }>;
  /** What `alert` does, with each channel's outcome; never throws. No SMTP server or no channel: `[]`. */
  deliver(alert: Alert): Promise<Delivery[]>;
  /** Connects to the SMTP server (and logs in when SMTP_USER and SMTP_PASS are set); rejects with why it could not. */
  verify(): Promise<void>;
}

export interface RateLimit {
  readonly limit: number;
  readonly remaining: number;
}

export type BrokerProbe =
  | { readonly kind: 'unreachable'; readonly error: string }
  | { readonly kind: 'refused'; readonly httpStatus: number; readonly message: string }
  | {
      readonly kind: 'answered';
      /** Server time minus the box's (ms), measured against the request's midpoint; null without a `Date` header. */
      readonly skewMs: number | null;
      readonly rateLimit: RateLimit | null;
      readonly account: {
        readonly status: string;
        readonly tradingBlocked: boolean;
        readonly accountBlocked: boolean;
        readonly currency: string;
      };
    };

/** cronie honours CRON_TZ; Debian's and Ubuntu's cron (vixie) and busybox's crond read times in the machine's zone. */
export type CronDaemon = 'cronie' | 'vixie' | 'busybox' | 'none';

export type Crontab =
  | { readonly ok: true; readonly text: string; readonly source: string }
  | { readonly ok: false; readonly error: string };
