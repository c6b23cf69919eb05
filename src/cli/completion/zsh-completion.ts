/** @module `strikeline completion zsh`: a zsh completion function with every command and option (and its help) written in it. */
import type { CommandSpec, OptionSpec, ValueKind } from './completion-model.ts';

/** Text inside single quotes and an _arguments `[...]` description: no quote, bracket or colon left to misread. */
const describe = (text: string): string =>
  text.replace(/'/g, "'\\''").replace(/[[\]]/g, '').replace(/:/g, '\\:');

function action(value: ValueKind, name: string): string {
  switch (value.kind) {
    case 'path':
      return `:${name}:_files`;
    case 'choices':
      return `:${name}:(${value.words.join(' ')})`;
    case 'text':
      return `:${name}: `;
  }
}

function optionSpec(o: OptionSpec): string {
  const text = `${o.flag}[${describe(o.description)}]`;
  return `'${o.value === undefined ? text : `${text}${action(o.value, o.flag.slice(2))}`}'`;
}

/** The body completing one command: its subcommands first, else its argument and options. */
function body(c: CommandSpec, path: string, indent: string): string[] {
  if (c.subcommands.length > 0) {
    const list = c.subcommands.map((s) => `'${s.name}:${describe(s.description)}'`).join(' ');
    return [
      `${indent}if (( CURRENT == ${path.split(' ').length + 2} )); then`,
      `${indent}  local -a subcommands=(${list})`,
      `${indent}  _describe -t commands '${path} command' subcommands`,
      `${indent}  return`,
      `${indent}fi`,
      `${indent}case \${words[${path.split(' ').length + 2}]} in`,
      ...c.subcommands.flatMap((s) => [
        `${indent}  ${s.name})`,
        ...body(s, `${path} ${s.name}`, `${indent}    `),
        `${indent}    ;;`,
      ]),
      `${indent}esac`,
    ];
  }
  const argument = c.argument === undefined ? [] : [`'1${action(c.argument, 'argument')}'`];
  return [`${indent}_arguments -S ${[...argument, ...c.options.map(optionSpec)].join(' ')}`];
}

export function zshCompletion(commands: readonly CommandSpec[]): string {
  const list = commands.map((c) => `'${c.name}:${describe(c.description)}'`).join(' \\\n    ');
  return [
    '#compdef strikeline',
    '# strikeline completion for zsh, written by `strikeline completion zsh`. Load it in ~/.zshrc (after compinit) with',
    '#   source <(strikeline completion zsh)',
    '# or save it as _strikeline in a directory of your $fpath.',
    '_strikeline() {',
    '  local -a commands=(',
    `    ${list}`,
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe -t commands 'strikeline command' commands",
    '    return',
    '  fi',
    '  case ${words[2]} in',
    ...commands.flatMap((c) => [`    ${c.name})`, ...body(c, c.name, '      '), '      ;;']),
    '  esac',
    '}',
    // Autoloaded from $fpath: complete now; sourced: register for later.
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then',
    '  _strikeline "$@"',
    'else',
    '  compdef _strikeline strikeline',
    'fi',
    '',
  ].join('\n');
}
