/**
 * `tongxin allocate --input plan.json` (or `--input -` for stdin): solves one product's quota
 * allocation and prints `{"target":T,"allocated":N,"cells":[{"key":…,"quotas":[…]}]}`, quotas
 * indexed from grade D1. With `"remainder":{"mode":"rotate","week":W}` in the input, the rotated
 * +1 条 grants are printed too. Invalid input: message on stderr, exit code 2.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { solveAllocation } from '../../engines/allocation';

const USAGE = 'usage: tongxin allocate --input FILE|-\n';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function allocateCommand(args: string[]): Promise<number> {
  let values: { input?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { input: { type: 'string', short: 'i' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`tongxin allocate: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.input) {
    process.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = values.input === '-' ? await readStdin() : await readFile(values.input, 'utf8');
  } catch (error) {
    process.stderr.write(
      `tongxin allocate: cannot read ${values.input}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`tongxin allocate: the input is not JSON: ${(error as Error).message}\n`);
    return 2;
  }
  const solved = solveAllocation(json);
  if (!solved.ok) {
    for (const e of solved.errors) {
      const where = e.path.length > 0 ? e.path.join('.') : '(input)';
      process.stderr.write(`tongxin allocate: ${where}: ${e.message}\n`);
    }
    return 2;
  }
  const { result } = solved;
  const out: Record<string, unknown> = {
    target: result.target,
    allocated: result.allocated,
    cells: result.cells.map((c) => ({ key: c.key, quotas: c.quotas })),
  };
  const rotate = (json as { remainder?: { mode?: unknown } }).remainder?.mode === 'rotate';
  if (rotate) out.grants = result.grants;
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}
