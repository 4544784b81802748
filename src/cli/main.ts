#!/usr/bin/env node
/**
 * The `tongxin` command line. Each command lives in `commands/<name>.ts` and is loaded lazily so
 * that `tongxin route` does not pay for the database driver and `serve` does not pay for the solver.
 */
import { commandTable, printUsage } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printUsage();
    return 0;
  }
  const load = commandTable[name];
  if (!load) {
    process.stderr.write(`tongxin: unknown command "${name}"\n`);
    printUsage();
    return 2;
  }
  const command = await load();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tongxin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
