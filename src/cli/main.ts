// `zgsz`: the command line for operators. Each command group lives in src/cli/commands/.
import { Command } from 'commander';
import { chineseUsageError } from './usage-errors.ts';
import { register as registerApplications } from './commands/applications.ts';
import { register as registerAudit } from './commands/audit.ts';
import { register as registerCalc } from './commands/calc.ts';
import { register as registerDb } from './commands/db.ts';
import { register as registerDiagnosis } from './commands/diagnosis.ts';
import { register as registerEnterprises } from './commands/enterprises.ts';
import { register as registerFunds } from './commands/funds.ts';
import { register as registerPolicies } from './commands/policies.ts';
import { register as registerScore } from './commands/score.ts';
import { register as registerServe } from './commands/serve.ts';
import { register as registerUsers } from './commands/users.ts';
import { register as registerPlan } from './commands/plan.ts';
import { register as registerFileMatch } from './commands/file-match.ts';

const program = new Command('zgsz')
  .description('ZGSZ 智改数转平台命令行 (smart-manufacturing programme platform CLI)')
  .showHelpAfterError('(用 --help 查看用法)')
  // Set before the commands are registered so every subcommand inherits it; usage errors exit 2,
  // like invalid input elsewhere in the CLI.
  .configureOutput({ outputError: (text, write) => write(`${chineseUsageError(text.trimEnd())}\n`) })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : err.code.startsWith('commander.help') || err.code === 'commander.version' ? err.exitCode : 2));

for (const register of [registerServe, registerDb, registerUsers, registerEnterprises, registerApplications, registerFunds, registerAudit, registerScore, registerCalc, registerPolicies, registerDiagnosis, registerPlan, registerFileMatch]) register(program);

await program.parseAsync(process.argv);
