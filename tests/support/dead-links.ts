/** @module Finds the relative links of markdown files that lead nowhere: a missing file, or an anchor with no heading. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { markdownOutline, type MarkdownOutline } from './markdown-outline.ts';

/** A scheme (`https:`, `mailto:`) or a protocol-relative `//host` leaves the repository: not checked offline. */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Every dead relative link of the given markdown files, as `file:line: target (why)`. Paths are
 * relative to `root`; a link starting with `/` is read from `root`, as GitHub does for a repository.
 * Anchors are checked in markdown targets only.
 */
export function deadLinks(root: string, files: readonly string[]): string[] {
  const outlines = new Map<string, MarkdownOutline>();
  const outlineOf = (path: string): MarkdownOutline => {
    let outline = outlines.get(path);
    if (outline === undefined) {
      outline = markdownOutline(readFileSync(path, 'utf8'));
      outlines.set(path, outline);
    }
    return outline;
  };
  const dead: string[] = [];
  for (const file of files) {
    const source = resolve(root, file);
    for (const { target, line } of outlineOf(source).links) {
      if (EXTERNAL.test(target)) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const where = `${relative(root, source)}:${line}: ${target}`;
      const path =
        pathPart === ''
          ? source
          : pathPart.startsWith('/')
            ? resolve(root, `.${pathPart}`)
            : resolve(dirname(source), pathPart);
      if (!existsSync(path)) {
        dead.push(`${where} (no file ${relative(root, path)})`);
        continue;
      }
      if (anchor === undefined || anchor === '' || !path.endsWith('.md')) continue;
      if (!outlineOf(path).anchors.has(anchor))
        dead.push(`${where} (no heading #${anchor} in ${relative(root, path)})`);
    }
  }
  return dead;
}
