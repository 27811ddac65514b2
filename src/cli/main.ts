// Tag Lab command line: the same core as the page, for scripting, tests and larger machines.

import { commands } from './commands';
import { InputError, UsageError } from './args';
import { hasSingleThreadedGc, relaunchWithSingleThreadedGc, scoresOnWorkers } from './scoringGc';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([n, load]) => `  ${n.padEnd(8)} ${(await load()).usage}`),
    );
    process.stdout.write(`Usage: npm run cli -- <command> ...\n${lines.join('\n')}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  if (name === 'score' && scoresOnWorkers(rest) && !hasSingleThreadedGc())
    return relaunchWithSingleThreadedGc(argv);
  const command = await load();
  try {
    await command.run(rest);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nUsage: npm run cli -- ${name} ${command.usage}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`Unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
