/**
 * `tongxin route solve FILE [--time-limit SECONDS] [--seed N]`: reads a CVRPLIB `.vrp` or a
 * Solomon instance (format by content, else extension), solves it and prints one JSON object
 * `{"cost":…,"routes":[[…],…]}` with customers numbered as in the file's convention.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkSolution, parseInstance, solveAsync } from '../../engines/routing';

const USAGE = 'usage: tongxin route solve FILE [--time-limit SECONDS] [--seed N]\n';

export async function routeCommand(args: string[]): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'time-limit': { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [sub, file] = positionals;
  if (sub !== 'solve' || !file || positionals.length !== 2) {
    process.stderr.write(USAGE);
    return 2;
  }
  const timeLimit = Number(values['time-limit']);
  const seed = Number(values.seed);
  if (!(timeLimit > 0) || !Number.isInteger(seed)) {
    process.stderr.write('tongxin route: --time-limit must be > 0 and --seed an integer\n');
    return 2;
  }
  const instance = parseInstance(await readFile(file, 'utf8'), file);
  // Parsing and the distance matrix come out of the budget, so the answer is on time.
  const spent = (performance.now() - started) / 1000;
  const solution = await solveAsync(instance.problem, {
    timeLimit: Math.max(0.05, timeLimit - spent),
    seed,
  });
  const check = checkSolution(instance.problem, solution.routes, solution.vehicles);
  const routes = solution.routes.map((r) => r.map((i) => instance.labels[i]!));
  const cost = instance.format === 'cvrplib' ? check.cost : Math.round(check.cost * 1e6) / 1e6;
  process.stdout.write(JSON.stringify({ cost, routes }) + '\n');
  if (!check.feasible) {
    process.stderr.write(`tongxin route: no feasible solution found (${check.violations[0]})\n`);
    return 1;
  }
  return 0;
}
