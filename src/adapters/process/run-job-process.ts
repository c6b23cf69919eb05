/**
 * @module Runs one strikeline job as its own process, as cron did: the same node, bin/strikeline.js of this checkout,
 * the install's root as working directory and TRADING_SYSTEM_ROOT, and its output appended to logs/cron-<job>.log.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface JobProcessOptions {
  /** bin/strikeline.js of this checkout (cli/strikeline-bin.ts finds it, from the sources or the build). */
  readonly bin: string;
  readonly root: string;
  readonly logsDir: string;
  /** A line written to the log before the job's own output. */
  readonly header: string;
  /** Options after the job's name (the 16:05 report's --email when SMTP is configured). */
  readonly args?: readonly string[];
}

/** Resolves the job's exit code (1 when a signal ended it); rejects only when it could not be started. */
export function runJobProcess(job: string, o: JobProcessOptions): Promise<number> {
  mkdirSync(o.logsDir, { recursive: true });
  const fd = openSync(join(o.logsDir, `cron-${job}.log`), 'a');
  writeSync(fd, `${o.header}\n`);
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [o.bin, job, ...(o.args ?? [])], {
      cwd: o.root,
      env: { ...process.env, TRADING_SYSTEM_ROOT: o.root },
      stdio: ['ignore', fd, fd],
    });
    child.once('error', (e) => {
      closeSync(fd);
      reject(e);
    });
    child.once('exit', (code) => {
      closeSync(fd);
      resolve(code ?? 1);
    });
  });
}
