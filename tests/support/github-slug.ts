/** @module The anchor GitHub gives a markdown heading, so the docs' `#anchor` links can be checked offline. */

/** Emphasis underscores at a word's edge are markup; intraword ones (`setup_cron`) are text, as in CommonMark. */
const EMPHASIS_UNDERSCORES = /(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;

/** The text GitHub renders for a heading's markdown: code spans keep their content, links their text. */
function renderedText(heading: string): string {
  return heading
    .replace(/<[^>]+>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .split(/(`+[^`]*`+)/)
    .map((part) =>
      part.startsWith('`')
        ? part.replace(/^`+|`+$/g, '')
        : part.replace(/\*/g, '').replace(EMPHASIS_UNDERSCORES, ''),
    )
    .join('');
}

/**
 * GitHub's slug of a heading: the rendered text lower-cased, every character that is not a letter, a
 * digit, a space, a hyphen or an underscore removed, then each space turned into a hyphen (so
 * `Cron: \`setup_cron.sh\`` becomes `cron-setup_cronsh`). Repeats are numbered by `markdownOutline`.
 */
export function githubSlug(heading: string): string {
  return renderedText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}
