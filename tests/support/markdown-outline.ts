/** @module The headings' anchors and the links of a markdown file, with code blocks and code spans left out. */
import { githubSlug } from './github-slug.ts';

export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
}

export interface MarkdownOutline {
  /** Every anchor a link may name: heading slugs (repeats numbered `-1`, `-2` as GitHub does) and HTML ids. */
  readonly anchors: ReadonlySet<string>;
  readonly links: readonly MarkdownLink[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const INLINE_LINK =
  /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;
const HTML_ID = /<[a-z]+\s[^>]*\b(?:id|name)="([^"]+)"/gi;
const CODE_SPAN = /(`+)[\s\S]*?\1/g;

/** Reads the anchors and links of one markdown text; links inside code are examples, not links. */
export function markdownOutline(markdown: string): MarkdownOutline {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const links: MarkdownLink[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((raw, index) => {
    const opener = FENCE.exec(raw)?.[1];
    if (fence !== undefined) {
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length)
        fence = undefined;
      return;
    }
    if (opener !== undefined) {
      fence = opener;
      return;
    }
    const heading = HEADING.exec(raw)?.[2];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const repeats = seen.get(slug) ?? 0;
      seen.set(slug, repeats + 1);
      anchors.add(repeats === 0 ? slug : `${slug}-${repeats}`);
    }
    const text = raw.replace(CODE_SPAN, '');
    for (const m of text.matchAll(HTML_ID)) anchors.add(m[1] ?? '');
    const definition = REFERENCE_DEFINITION.exec(text)?.[1];
    const targets =
      definition === undefined
        ? [...text.matchAll(INLINE_LINK)].map((m) => m[1] ?? '')
        : [definition];
    for (const target of targets)
      links.push({ target: target.replace(/^<|>$/g, ''), line: index + 1 });
  });
  return { anchors, links };
}
