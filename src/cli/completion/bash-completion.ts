/** @module `strikeline completion bash`: a bash completion script with every command and option written in it (no node per TAB). */
import type { CommandSpec, OptionSpec, ValueKind } from './completion-model.ts';

const words = (list: readonly string[]): string => list.join(' ');

/** What completes after `prev` when it is an option that takes a value: files, its words, or nothing (free text). */
function valueCases(options: readonly OptionSpec[]): string[] {
  const withValue = options.filter(
    (o): o is OptionSpec & { value: ValueKind } => o.value !== undefined,
  );
  const flags = (kind: ValueKind['kind']): string =>
    withValue
      .filter((o) => o.value.kind === kind)
      .map((o) => o.flag)
      .join('|');
  const arms: string[] = [];
  if (flags('path') !== '')
    arms.push(`        ${flags('path')}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;`);
  for (const o of withValue) {
    if (o.value.kind === 'choices')
      arms.push(
        `        ${o.flag}) COMPREPLY=( $(compgen -W "${words(o.value.words)}" -- "$cur") ); return ;;`,
      );
  }
  if (flags('text') !== '') arms.push(`        ${flags('text')}) COMPREPLY=(); return ;;`);
  return arms;
}

function argumentWords(c: CommandSpec): string {
  return c.argument?.kind === 'choices' ? words(c.argument.words) : '';
}

/** One `case` arm: the command's subcommands or argument words at the first position, its options after. */
function commandCase(c: CommandSpec, depth: number): string[] {
  const lines = [`    ${c.name})`];
  if (c.subcommands.length > 0) {
    lines.push(
      `      if (( COMP_CWORD == ${depth + 1} )); then COMPREPLY=( $(compgen -W "${words(c.subcommands.map((s) => s.name))}" -- "$cur") ); return; fi`,
    );
    lines.push(`      case "\${COMP_WORDS[${depth + 1}]}" in`);
    for (const s of c.subcommands) lines.push(...commandCase(s, depth + 1).map((l) => `    ${l}`));
    lines.push('      esac', '      ;;');
    return lines;
  }
  const cases = valueCases(c.options);
  if (cases.length > 0) lines.push('      case "$prev" in', ...cases, '      esac');
  const options = words(c.options.map((o) => o.flag));
  const argument = argumentWords(c);
  lines.push(
    `      COMPREPLY=( $(compgen -W "${argument === '' ? options : `${argument} ${options}`}" -- "$cur") )`,
    '      ;;',
  );
  return lines;
}

export function bashCompletion(commands: readonly CommandSpec[]): string {
  return [
    '# strikeline completion for bash, written by `strikeline completion bash`. Load it in ~/.bashrc with',
    '#   source <(strikeline completion bash)',
    '# or save it as ~/.local/share/bash-completion/completions/strikeline.',
    '_strikeline() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  if (( COMP_CWORD == 1 )); then',
    `    COMPREPLY=( $(compgen -W "${words([...commands.map((c) => c.name), '--help', '--version'])}" -- "$cur") )`,
    '    return',
    '  fi',
    '  case "${COMP_WORDS[1]}" in',
    ...commands.flatMap((c) => commandCase(c, 1)),
    '  esac',
    '}',
    'complete -F _strikeline strikeline',
    '',
  ].join('\n');
}
