/** @module The README and docs/ link only to files and headings that exist (GitHub's anchors, no network). */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deadLinks } from '../../support/dead-links.ts';
import { githubSlug } from '../../support/github-slug.ts';
import { markdownOutline } from '../../support/markdown-outline.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const docsFiles = (root: string): string[] => [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('githubSlug', () => {
  it.each([
    ['Cron: `setup_cron.sh`', 'cron-setup_cronsh'],
    [
      'The stream daemon: `strikeline stream` ("the brain")',
      'the-stream-daemon-strikeline-stream-the-brain',
    ],
    ["The daemon's keys", 'the-daemons-keys'],
    ['Performance (`npm run bench -- scan`)', 'performance-npm-run-bench----scan'],
    ['Fill → protection latency', 'fill--protection-latency'],
    ['Safety mode (connectivity failure)', 'safety-mode-connectivity-failure'],
    ['See [the daemon](daemon.md) and _Errors_', 'see-the-daemon-and-errors'],
    ['Größe & Übersicht', 'größe--übersicht'],
  ])('%s -> %s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });
});

describe('markdownOutline', () => {
  it('numbers repeated headings and ignores headings and links inside code', () => {
    const outline = markdownOutline(
      [
        '# Errors',
        '## Errors',
        '```bash',
        '# not a heading [x](gone.md)',
        '```',
        'see `[y](gone.md)` and [z](here.md#errors-1)',
      ].join('\n'),
    );
    expect([...outline.anchors]).toEqual(['errors', 'errors-1']);
    expect(outline.links).toEqual([{ target: 'here.md#errors-1', line: 6 }]);
  });
});

describe('deadLinks', () => {
  let cleanup = (): void => undefined;
  afterEach(() => {
    cleanup();
  });

  it('reports a missing file, a missing anchor in another page and in the same page, and nothing else', () => {
    const temp = makeTempRoot('strikeline-docs-');
    cleanup = temp.cleanup;
    mkdirSync(join(temp.root, 'docs'));
    writeFileSync(
      join(temp.root, 'docs', 'a.md'),
      "# Page A\n\n## The daemon's keys\n\nBack to the [README](../README.md#top).\n",
    );
    writeFileSync(
      join(temp.root, 'README.md'),
      [
        '# Top',
        '[ok](docs/a.md#the-daemons-keys) [ok](#top) [web](https://example.com/x.md) [mail](mailto:a@b.c)',
        '[gone](operations.md) [bad anchor](docs/a.md#keys) [bad local](#nowhere)',
      ].join('\n'),
    );

    expect(deadLinks(temp.root, docsFiles(temp.root))).toEqual([
      'README.md:3: operations.md (no file operations.md)',
      'README.md:3: docs/a.md#keys (no heading #keys in docs/a.md)',
      'README.md:3: #nowhere (no heading #nowhere in README.md)',
    ]);
  });

  it('finds no dead link in README.md and docs/*.md', () => {
    expect(deadLinks(REPO, docsFiles(REPO))).toEqual([]);
  });
});
