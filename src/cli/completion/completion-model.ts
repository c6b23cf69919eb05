/** @module What shell completion offers, read off the commander program: commands, subcommands, options and their values. */
import type { Command } from 'commander';

/** How an option's or argument's value completes: a file path, one of fixed words, or free text (nothing offered). */
export type ValueKind =
  | { readonly kind: 'path' }
  | { readonly kind: 'choices'; readonly words: readonly string[] }
  | { readonly kind: 'text' };

export interface OptionSpec {
  /** `--port`; short flags are not offered (none of the commands has one). */
  readonly flag: string;
  readonly description: string;
  /** undefined: a switch that takes no value. */
  readonly value: ValueKind | undefined;
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Values of the command's first argument (`completion bash|zsh`). */
  readonly argument: ValueKind | undefined;
  readonly subcommands: readonly CommandSpec[];
}

/** An argument named like a file or directory (`<path>`, `<dir>`, `<file>`) completes as a path. */
const PATH_ARGUMENT = /<(path|dir|file)>/;

function valueOf(flags: string, choices: readonly string[] | undefined): ValueKind {
  if (choices !== undefined && choices.length > 0) return { kind: 'choices', words: choices };
  return PATH_ARGUMENT.test(flags) ? { kind: 'path' } : { kind: 'text' };
}

function specOf(command: Command): CommandSpec {
  const options = command.options
    .filter((o) => o.long !== undefined && !o.hidden)
    .map((o) => ({
      flag: o.long ?? '',
      description: o.description,
      value: o.required || o.optional ? valueOf(o.flags, o.argChoices) : undefined,
    }));
  const first = command.registeredArguments[0];
  return {
    name: command.name(),
    description: command.description(),
    options: [...options, { flag: '--help', description: 'show help', value: undefined }],
    argument: first === undefined ? undefined : valueOf(`<${first.name()}>`, first.argChoices),
    subcommands: command.commands.map(specOf),
  };
}

/** The program's commands (with every command registered), in the order they were registered. */
export function completionModel(program: Command): CommandSpec[] {
  return program.commands.map(specOf);
}
