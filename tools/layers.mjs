/**
 * @module The layers of src/ and the one ESLint rule that keeps them: every import arrow points down. Shared by
 * eslint.config.mjs (lint fails on a back arrow, type-only imports included) and tools/import-graph.ts (the map).
 */
import { dirname, relative, resolve } from 'node:path';

/**
 * What each top folder of src/ may import besides itself. domain is the vocabulary and every port; config and
 * records sit on it; operators are pure; procedures (multi-step broker routines such as flattening, and
 * publishing a risk change) use the ports and the records; adapters implement the ports; the simulator stands alone; streams (the daemon) and jobs (the commands'
 * logic) are siblings that share records; cli composes everything.
 */
export const ALLOWED = {
  domain: [],
  config: ['domain'],
  records: ['domain'],
  operators: ['domain'],
  procedures: ['domain', 'records'],
  adapters: ['domain'],
  sim: ['domain'],
  streams: ['domain', 'config', 'records', 'operators', 'procedures'],
  scanner: ['domain', 'config', 'records', 'operators'],
  jobs: ['domain', 'config', 'records', 'operators', 'procedures', 'scanner'],
  cli: [
    'domain',
    'config',
    'records',
    'operators',
    'procedures',
    'adapters',
    'sim',
    'streams',
    'scanner',
    'jobs',
  ],
};

/** The top folder of src/ a path lies in, or undefined outside src/. */
export function layerOf(srcRoot, path) {
  const rel = relative(srcRoot, path);
  return rel.startsWith('..') ? undefined : rel.split(/[\\/]/)[0];
}

/** Why an import from `from` to `to` runs back up, or undefined when it is allowed. */
export function backArrow(srcRoot, from, to) {
  const a = layerOf(srcRoot, from);
  const b = layerOf(srcRoot, to);
  if (a === undefined || b === undefined || a === b || !(a in ALLOWED)) return undefined;
  if (ALLOWED[a].includes(b)) return undefined;
  const may = ALLOWED[a].length === 0 ? 'nothing outside itself' : ALLOWED[a].join(', ');
  return `src/${a} may import ${may}; this imports src/${b}`;
}

/** ESLint plugin: `strikeline/layers` reports every relative import (type-only too) that runs back up. */
export function layersPlugin(srcRoot) {
  const check = (context, node) => {
    const spec = node.source?.value;
    if (typeof spec !== 'string' || !spec.startsWith('.')) return;
    const why = backArrow(srcRoot, context.filename, resolve(dirname(context.filename), spec));
    if (why !== undefined)
      context.report({
        node: node.source,
        message: `Import runs back up the layers (${why}); see docs/development.md.`,
      });
  };
  const rule = {
    meta: { type: 'problem', schema: [] },
    create: (context) => ({
      ImportDeclaration: (node) => check(context, node),
      ExportNamedDeclaration: (node) => check(context, node),
      ExportAllDeclaration: (node) => check(context, node),
      ImportExpression: (node) => check(context, node),
    }),
  };
  return { rules: { layers: rule } };
}
