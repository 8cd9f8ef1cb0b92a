// `zgsz`: the command line for operators. Each command group lives in src/cli/commands/.
import { Command } from 'commander';
import { chineseUsageError } from './usage-errors.ts';

type Group = () => Promise<{ register(program: Command): void }>;
// Each command group's modules are loaded only when it runs: `zgsz user list` need not load the
// web server, the spreadsheet writer and every route (a command started 1 s sooner; CI runs many).
// Listed in the order of `zgsz --help`; policies before file-match, which adds to its command.
const GROUPS: [names: string[], load: Group][] = [
  [['serve'], () => import('./commands/serve.ts')],
  [['db'], () => import('./commands/db.ts')],
  [['user'], () => import('./commands/users.ts')],
  [['enterprises'], () => import('./commands/enterprises.ts')],
  [['applications', 'calendar'], () => import('./commands/applications.ts')],
  [['funds'], () => import('./commands/funds.ts')],
  [['audit'], () => import('./commands/audit.ts')],
  [['score'], () => import('./commands/score.ts')],
  [['calc'], () => import('./commands/calc.ts')],
  [['policies'], () => import('./commands/policies.ts')],
  [['providers', 'diagnoses', 'maturity'], () => import('./commands/diagnosis.ts')],
  [['plan'], () => import('./commands/plan.ts')],
  [['policies'], () => import('./commands/file-match.ts')],
];

const program = new Command('zgsz')
  .description('ZGSZ 智改数转平台命令行 (smart-manufacturing programme platform CLI)')
  .showHelpAfterError('(用 --help 查看用法)')
  // Set before the commands are registered so every subcommand inherits it; usage errors exit 2,
  // like invalid input elsewhere in the CLI.
  .configureOutput({ outputError: (text, write) => write(`${chineseUsageError(text.trimEnd())}\n`) })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : err.code.startsWith('commander.help') || err.code === 'commander.version' ? err.exitCode : 2));

// The command named first on the line; help, no command or an unknown one loads every group, so
// that the listing and commander's "unknown command" suggestions stay whole.
const named = process.argv.slice(2).find((a) => !a.startsWith('-'));
const chosen = GROUPS.filter(([names]) => named !== undefined && names.includes(named));
for (const group of await Promise.all((chosen.length ? chosen : GROUPS).map(([, load]) => load()))) group.register(program);

await program.parseAsync(process.argv);
