/** @module A pino JSON line at WARN or above, read into an error-log record (seed 001 fields). */
import type { ErrorComponent, ErrorLevel, ErrorRecord } from '../../domain/error-record.ts';

const LEVELS: ReadonlyArray<[number, ErrorLevel]> = [
  [60, 'critical'],
  [50, 'error'],
  [40, 'warning'],
];

/** Logger names (the `component` binding) grouped as a trader reads them; anything else is 'system'. */
const COMPONENTS: Readonly<Record<string, ErrorComponent>> = {
  protection: 'execution',
  stream: 'execution',
  daemon: 'execution',
  alpaca: 'execution',
  trade: 'execution',
  safety: 'execution',
  halt: 'execution',
  resume: 'execution',
  credentials: 'execution',
  clock: 'execution',
  scan: 'strategies',
  rank: 'strategies',
  data: 'data',
  bars: 'data',
  market: 'data',
  research: 'research',
  mail: 'alerts',
  report: 'alerts',
  sim: 'simulator',
  'sim-server': 'simulator',
  'sim-clock': 'simulator',
  'sim-data-stream': 'simulator',
  'sim-trading-stream': 'simulator',
};

/** Fields pino writes for itself, not context of the error. */
const OWN_FIELDS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'component',
  'name',
  'source',
  'err',
]);

export function levelOf(pinoLevel: number): ErrorLevel | undefined {
  return LEVELS.find(([n]) => pinoLevel >= n)?.[1];
}

export function componentOf(logger: string): ErrorComponent {
  return COMPONENTS[logger] ?? 'system';
}

interface SerializedError {
  readonly type?: unknown;
  readonly message?: unknown;
  readonly stack?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** `file:line[:col]` as the logger hook writes it, or the first frame of a stack. */
function sourceOf(
  source: unknown,
  stack: string | null,
): { file: string | null; line: number | null } {
  const text = str(source) ?? stack?.split('\n').find((l) => /^\s*at /.test(l)) ?? null;
  const m =
    text === null
      ? null
      : /(?:\(|at |^)((?:file:\/\/)?[^\s()]+?):(\d+)(?::\d+)?\)?\s*$/.exec(text.trim());
  if (m?.[1] === undefined || m[2] === undefined) return { file: null, line: null };
  return { file: m[1].replace(/^file:\/\//, ''), line: Number(m[2]) };
}

/** The record for one line, or undefined for a line below WARN or not JSON. `id` is filled by the caller. */
export function errorFromLine(
  line: string,
  id: (ts: number, pid: number) => string,
): ErrorRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const o = parsed as Record<string, unknown>;
  const level = typeof o.level === 'number' ? levelOf(o.level) : undefined;
  if (level === undefined) return undefined;
  const ts = typeof o.time === 'number' ? o.time : 0;
  const pid = typeof o.pid === 'number' ? o.pid : 0;
  const logger = str(o.component) ?? str(o.name) ?? 'strikeline';
  const err = typeof o.err === 'object' && o.err !== null ? (o.err as SerializedError) : undefined;
  const stack = str(err?.stack);
  const source = sourceOf(o.source, stack);
  const context: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!OWN_FIELDS.has(k)) context[k] = v;
  if (typeof o.err === 'string') context.err = o.err;
  return {
    id: id(ts, pid),
    ts,
    level,
    logger,
    message: str(o.msg) ?? str(err?.message) ?? '',
    sourceFile: source.file,
    sourceLine: source.line,
    exceptionType: str(err?.type),
    stack,
    component: componentOf(logger),
    pid,
    context,
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
  };
}
