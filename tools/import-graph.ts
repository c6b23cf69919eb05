/**
 * @module `npm run graph`: the import graph of src/ (static and dynamic imports between our own files), its
 * cycles, the arrows that run back up the layers, and how many hops each command is from the rules it uses.
 * The layers are ALLOWED in tools/layers.mjs; `--json` prints the numbers for scripts, `--check` exits 1 on a
 * back arrow or a cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { backArrow } from './layers.mjs';

// `npm run graph | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  else throw e;
});

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function edges(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec !== undefined) out.push(resolve(dirname(file), spec));
  }
  return out;
}

const backArrowOf = (from: string, to: string): boolean => backArrow(SRC, from, to) !== undefined;

/** Tarjan's strongly connected components with more than one file: the cycles. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        on.delete(w);
        scc.push(w);
        if (w === v) break;
      }
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Shortest import path (in hops) from a file to any file matching `target`. */
function hops(
  graph: ReadonlyMap<string, readonly string[]>,
  from: string,
  target: (f: string) => boolean,
): number | null {
  const seen = new Set([from]);
  let frontier = [from];
  for (let d = 0; frontier.length > 0; d += 1) {
    if (frontier.some(target)) return d;
    const next: string[] = [];
    for (const f of frontier)
      for (const g of graph.get(f) ?? [])
        if (!seen.has(g)) {
          seen.add(g);
          next.push(g);
        }
    frontier = next;
  }
  return null;
}

const all = files(SRC);
const graph = new Map(all.map((f) => [f, edges(f).filter((t) => all.includes(t))]));
const back = [...graph].flatMap(([f, ts]) =>
  ts.filter((t) => backArrowOf(f, t)).map((t) => `${relative(SRC, f)} -> ${relative(SRC, t)}`),
);
const loops = cycles(graph).map((c) => c.map((f) => relative(SRC, f)));
const isRule = (f: string): boolean =>
  /src\/domain\/(rules\/|exit-rules|protection-plan|coverage|costs|metrics)/.test(f) ||
  /src\/jobs\/(allocation|daily-loss)\.ts$/.test(f);
const commands = all.filter((f) => /src\/cli\/.*-command\.ts$/.test(f)).sort();
const isLogic = (f: string): boolean =>
  !f.includes('/src/cli/') && !/src\/(domain|config|adapters)\//.test(f);
const commandHops = Object.fromEntries(
  commands.map((c) => [
    relative(SRC, c),
    { logic: hops(graph, c, isLogic), rule: hops(graph, c, isRule) },
  ]),
);
const report = {
  files: all.length,
  imports: [...graph.values()].reduce((s, t) => s + t.length, 0),
  backArrows: back.length,
  cycles: loops.length,
  commandHops,
  back,
  loops,
};

if (process.argv.includes('--check') && (back.length > 0 || loops.length > 0)) process.exitCode = 1;
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  process.stdout.write(
    `${String(report.files)} files, ${String(report.imports)} imports; ${String(report.backArrows)} back arrows, ${String(report.cycles)} cycles\n`,
  );
  for (const b of back) process.stdout.write(`  back: ${b}\n`);
  for (const l of loops) process.stdout.write(`  cycle: ${l.join(' -> ')}\n`);
  const show = (n: number | null): string => (n === null ? '-' : String(n));
  process.stdout.write(
    'hops from each command to its logic (job, stream, scanner) and to the nearest shared rule:\n',
  );
  for (const [c, n] of Object.entries(commandHops))
    process.stdout.write(`  ${c}: logic ${show(n.logic)}, rule ${show(n.rule)}\n`);
}
