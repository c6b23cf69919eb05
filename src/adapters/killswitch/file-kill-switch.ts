/** @module The kill switch as a file, killswitch/HALT (seed 001 §6), plus the TRADING_DISABLED switch. */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { HaltRecord, HaltSwitch } from '../../domain/ports.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';

export interface FileKillSwitchOptions {
  /** paths.halt: <root>/killswitch/HALT. */
  readonly path: string;
  /** env.tradingDisabled: the TRADING_DISABLED variable halts as well, without a file. */
  readonly tradingDisabled: boolean;
  /** Who is recorded in the file; default the operating-system user. */
  readonly who?: string;
  readonly now?: () => number;
  /** Applied to the reason before it is written (a reason may quote an error). */
  readonly scrub?: Scrub;
}

/** The HALT file, as every command and the daemon see it. */
export type FileKillSwitch = HaltSwitch;

/** The operating-system user, for HALT and the journal. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  }
}

function parse(text: string, fallbackTs: string): HaltRecord {
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null;
    if (typeof value?.reason === 'string') {
      const field = (v: unknown, fallback: string): string =>
        typeof v === 'string' ? v : fallback;
      return {
        ts: field(value.ts, fallbackTs),
        who: field(value.who, 'unknown'),
        reason: value.reason,
      };
    }
  } catch {
    // A HALT created by hand (`touch killswitch/HALT`) is as binding as ours; its text is the reason.
  }
  return { ts: fallbackTs, who: 'unknown', reason: text.trim() || 'HALT file present' };
}

export function createFileKillSwitch(options: FileKillSwitchOptions): FileKillSwitch {
  const now = options.now ?? epochNow;
  const read = (): HaltRecord | undefined => {
    try {
      return parse(readFileSync(options.path, 'utf8'), new Date(now()).toISOString());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  const engage = (reason: string): { created: boolean; record: HaltRecord } => {
    const existing = read();
    if (existing !== undefined) return { created: false, record: existing };
    const record: HaltRecord = {
      ts: new Date(now()).toISOString(),
      who: options.who ?? currentUser(),
      reason: options.scrub?.(reason) ?? reason,
    };
    mkdirSync(dirname(options.path), { recursive: true });
    // Written aside then renamed, so a reader never sees a half-written HALT.
    const tmp = `${options.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(record)}\n`);
    renameSync(tmp, options.path);
    return { created: true, record };
  };
  return {
    path: options.path,
    tradingDisabled: options.tradingDisabled,
    isHalted: () => options.tradingDisabled || existsSync(options.path),
    halt: (reason) => {
      engage(reason);
    },
    read,
    engage,
    release: () => {
      const existing = read();
      if (existing !== undefined) rmSync(options.path, { force: true });
      return existing;
    },
  };
}
