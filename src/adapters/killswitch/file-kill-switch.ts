/** @module The kill switch as a file, killswitch/HALT (seed 001 §6), plus the TRADING_DISABLED switch. */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { KillSwitch } from '../../streams/deps.ts';
import type { Scrub } from '../secrets/scrub.ts';

/** What killswitch/HALT holds: when, who and why. */
export interface HaltRecord {
  readonly ts: string;
  readonly who: string;
  readonly reason: string;
}

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

export interface FileKillSwitch extends KillSwitch {
  readonly path: string;
  readonly tradingDisabled: boolean;
  /** The HALT file's record, or undefined when there is none (a hand-made file reads as its text). */
  read(): HaltRecord | undefined;
  /** Creates HALT unless it exists; `created` false means it was already in place (the first record wins). */
  engage(reason: string): { created: boolean; record: HaltRecord };
  /** Removes HALT; resolves the record removed, or undefined when there was none. */
  release(): HaltRecord | undefined;
}

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
      const field = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
      return { ts: field(value.ts, fallbackTs), who: field(value.who, 'unknown'), reason: value.reason };
    }
  } catch {
    // A HALT created by hand (`touch killswitch/HALT`) is as binding as ours; its text is the reason.
  }
  return { ts: fallbackTs, who: 'unknown', reason: text.trim() || 'HALT file present' };
}

export function createFileKillSwitch(options: FileKillSwitchOptions): FileKillSwitch {
  const now = options.now ?? Date.now;
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
    const record: HaltRecord = { ts: new Date(now()).toISOString(), who: options.who ?? currentUser(), reason: options.scrub?.(reason) ?? reason };
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
