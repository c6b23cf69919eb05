/** @module `strikeline completion bash|zsh`: prints the shell's completion script for every command and option. */
import { Argument, type Command } from 'commander';
import { bashCompletion } from './completion/bash-completion.ts';
import { completionModel } from './completion/completion-model.ts';
import { zshCompletion } from './completion/zsh-completion.ts';
import { buildProgram } from './run-cli.ts';

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

const HELP = `
Load it for the current shell, or for every new one:
  bash:  source <(strikeline completion bash)        # in ~/.bashrc
  zsh:   source <(strikeline completion zsh)         # in ~/.zshrc, after compinit
Or save it: strikeline completion bash > ~/.local/share/bash-completion/completions/strikeline
            strikeline completion zsh > "\${fpath[1]}/_strikeline"
`;

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description(
      'print the shell completion script for bash or zsh (commands, subcommands, options, their values)',
    )
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(SHELLS))
    .addHelpText('after', HELP)
    .action(async (shell: Shell) => {
      // Every command registered, whichever ran: the loaders only import the modules, nothing runs.
      const { COMMANDS_BUT_COMPLETION } = await import('./command-list.ts');
      const model = completionModel(
        await buildProgram({
          ...COMMANDS_BUT_COMPLETION,
          completion: () => Promise.resolve(registerCompletion),
        }),
      );
      process.stdout.write(shell === 'bash' ? bashCompletion(model) : zshCompletion(model));
    });
}
